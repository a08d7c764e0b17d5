/// How a check stands against its spec's `expect:` and `cover:` lines.
public enum ExpectationOutcome: Sendable, Equatable {
    case met
    case notMet
    /// A budget given on the command line stopped the search before the spec could be judged:
    /// what was not reached may lie past the budget, so it is no failure of the spec, and no pass.
    case notJudged(reason: String)

    /// As the report's last line says it.
    public var text: String {
        switch self {
        case .met: "met"
        case .notMet: "NOT MET"
        case .notJudged(let reason): "not judged, bounded (\(reason))"
        }
    }
}
