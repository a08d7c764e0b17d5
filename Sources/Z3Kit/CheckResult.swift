/// The answer of a satisfiability check.
public enum CheckResult: Equatable, Sendable {
    case sat
    case unsat
    /// Z3 gave up: timeout, interruption, resource limit or incompleteness. `reason` is Z3's
    /// own explanation (e.g. "timeout", "interrupted").
    case unknown(reason: String)

    public var isSat: Bool { self == .sat }
    public var isUnsat: Bool { self == .unsat }
}
