import CZ3

/// A snapshot of a solver's counters, copied out of Z3 so it outlives the solver and is
/// `Sendable` (the checker may log it from anywhere).
public struct Statistics: Sendable, Equatable, CustomStringConvertible {
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case uint(UInt)
        case double(Double)

        public var doubleValue: Double {
            switch self {
            case .uint(let v): Double(v)
            case .double(let v): v
            }
        }

        public var description: String {
            switch self {
            case .uint(let v): String(v)
            case .double(let v): String(v)
            }
        }
    }

    /// Counter name (e.g. "conflicts", "decisions", "memory") to value. A name Z3 repeats
    /// keeps its last value.
    public let values: [String: Value]

    public subscript(key: String) -> Value? { values[key] }

    init(context: OpaquePointer, stats: OpaquePointer) {
        Z3_stats_inc_ref(context, stats)
        defer { Z3_stats_dec_ref(context, stats) }
        var values: [String: Value] = [:]
        for i in 0..<Z3_stats_size(context, stats) {
            guard let key = Z3_stats_get_key(context, stats, i).map({ String(cString: $0) }) else { continue }
            if Z3_stats_is_uint(context, stats, i) {
                values[key] = .uint(UInt(Z3_stats_get_uint_value(context, stats, i)))
            } else {
                values[key] = .double(Z3_stats_get_double_value(context, stats, i))
            }
        }
        self.values = values
    }

    public var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0].map(String.init(describing:)) ?? "")" }
            .joined(separator: " ")
    }
}
