import CZ3

/// The shape of a sort, as far as the checker needs to know it.
public enum SortKind: Equatable, Sendable {
    case bool
    case bitVector(width: Int)
    case array
    /// Any sort Z3Kit does not construct (integers, reals, ...), with Z3's kind number.
    case other(UInt32)
}

/// A Z3 sort. Like ``Term``, it holds one Z3 reference and keeps its context alive.
public final class Sort {
    public let context: Context
    let raw: OpaquePointer

    init(context: Context, retaining raw: OpaquePointer) {
        self.context = context
        self.raw = raw
        Z3_inc_ref(context.raw, Z3_sort_to_ast(context.raw, raw))
    }

    deinit {
        Z3_dec_ref(context.raw, Z3_sort_to_ast(context.raw, raw))
    }

    public var kind: SortKind {
        let kind = Z3_get_sort_kind(context.raw, raw)
        switch kind {
        case Z3_BOOL_SORT: return .bool
        case Z3_BV_SORT: return .bitVector(width: Int(Z3_get_bv_sort_size(context.raw, raw)))
        case Z3_ARRAY_SORT: return .array
        default: return .other(kind.rawValue)
        }
    }
}

extension Sort: Equatable, CustomStringConvertible {
    /// Z3 hash-conses sorts, so two equal sorts of one context are the same object.
    public static func == (lhs: Sort, rhs: Sort) -> Bool {
        lhs.context === rhs.context && lhs.raw == rhs.raw
    }

    public var description: String {
        Z3_sort_to_string(context.raw, raw).map { String(cString: $0) } ?? "<sort>"
    }
}

extension Context {
    public var boolSort: Sort {
        Sort(context: self, retaining: boolSortRaw)
    }

    public func bitVectorSort(width: Int) throws(Z3Error) -> Sort {
        Sort(context: self, retaining: try bitVectorSortRaw(width: width))
    }

    /// Arrays from `domain` to `range`, e.g. memory as bv64 → bv8.
    public func arraySort(domain: Sort, range: Sort) throws(Z3Error) -> Sort {
        guard domain.context === self, range.context === self else { throw Z3Error.contextMismatch }
        let sort = Z3_mk_array_sort(raw, domain.raw, range.raw)
        try check()
        guard let sort else { throw Z3Error(kind: .unexpectedNull, message: "Z3_mk_array_sort returned null") }
        return Sort(context: self, retaining: sort)
    }
}
