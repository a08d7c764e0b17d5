import ExplicitChecker
import SlabModel
import SlabSpec

/// Everything a check of one spec found.
public struct SpecResult: Sendable {
    public var request: CheckRequest
    public var engine: Engine
    public var properties: [PropertyResult]
    public var statistics: ExplicitStatistics
    public var completion: Completion
    /// The branches the search reached; nil for an engine that does not explore states (Z3).
    public var coverage: Coverage?

    public var spec: Spec { request.spec }

    /// Whether the outcome is the one the spec's `expect:` line asks for, and every branch its
    /// `cover:` line requires was reached.
    public var meetsExpectation: Bool { verdictsMeetExpectation && missedBranches.isEmpty }

    /// The `cover:` branches the search never reached, with where the spec asked for them. Empty
    /// when the engine measures no coverage (see `coverage`).
    public var missedBranches: [(branch: Branch, location: SourceLocation)] {
        guard let coverage else { return [] }
        return zip(spec.cover, spec.coverLocations).filter { (coverage.count($0.0.rawValue) ?? 0) == 0 }
            .map { ($0.0, $0.1) }
    }

    var verdictsMeetExpectation: Bool {
        switch spec.expectation {
        case .holds:
            properties.allSatisfy {
                switch $0.verdict {
                case .holds: true
                case .violated, .unknown: false
                case .bounded(let bound, _): request.isSpecBound(bound)
                }
            }
        case .violates, .violatesProperty:
            properties.contains {
                guard $0.property == spec.expectation.violatedName, case .violated = $0.verdict else { return false }
                return true
            }
        }
    }
}
