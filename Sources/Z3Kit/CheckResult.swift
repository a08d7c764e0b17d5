/// The answer of a satisfiability check.
public enum CheckResult: Equatable, Sendable {
    case sat
    case unsat
    /// Z3 gave up: timeout, interruption, resource limit or incompleteness.
    case unknown(Unknown)
}

/// Why Z3 answered unknown, as far as a caller must tell: a limit the caller set (its time
/// limit, or an interruption) only bounds what was shown, anything else (incompleteness, a
/// resource limit) claims nothing. Z3 says why only in words; they are read here, once.
public struct Unknown: Equatable, Sendable, CustomStringConvertible {
    public enum Cause: Equatable, Sendable {
        case timeLimit
        case interrupted
        case other
    }

    public var cause: Cause
    /// Z3's own words (`Z3_solver_get_reason_unknown`).
    public var explanation: String

    public init(explanation: String) {
        self.explanation = explanation
        cause =
            switch explanation {
            case "timeout": .timeLimit
            case "canceled", "interrupted": .interrupted
            default: .other
            }
    }

    /// Whether the caller's own limit stopped Z3, rather than Z3's limits or incompleteness.
    public var isCallersLimit: Bool { cause != .other }

    public var description: String { explanation }
}
