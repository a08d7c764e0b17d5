import ExplicitChecker
import SlabSpec

/// Everything a check of one spec found.
public struct SpecResult: Sendable {
    public var request: CheckRequest
    public var engine: String
    public var properties: [PropertyResult]
    public var statistics: ExplicitStatistics
    public var completion: Completion

    public var spec: Spec { request.spec }

    /// Whether the outcome is the one the spec's `expect:` line asks for.
    public var meetsExpectation: Bool {
        switch spec.expectation {
        case .holds:
            properties.allSatisfy {
                switch $0.verdict {
                case .holds: true
                case .violated: false
                case .bounded(let reason): request.isSpecBound(reason)
                }
            }
        case .violates, .violatesProperty:
            properties.contains { $0.property == spec.expectation.violatedName && $0.verdict.word == "violated" }
        }
    }
}
