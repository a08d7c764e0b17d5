import ExplicitChecker
import ModelKit
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
    public var meetsExpectation: Bool { outcome == .met }

    /// Met, not met, or not judged: a search cut short by a command-line budget judges neither
    /// `holds` nor a violation it did not reach, nor the branches it did not reach. A violation
    /// it found is found all the same.
    public var outcome: ExpectationOutcome {
        let contradicted =
            switch spec.expectation {
            case .holds: properties.contains { if case .violated = $0.verdict { true } else { false } }
            case .violates, .violatesProperty: false
            }
        if verdictsMeetExpectation && missedBranches.isEmpty { return .met }
        if let budgetCut, !contradicted { return .notJudged(reason: budgetCut.description) }
        return .notMet
    }

    /// Why the search stopped early, when a budget of the command line (not the spec's own
    /// `bound:`, which is the check the spec asked for) stopped it.
    public var budgetCut: Bound? {
        guard case .bounded(let bound) = completion, !request.isSpecBound(bound) else { return nil }
        return bound
    }

    /// Why the search's coverage does not judge `cover:`: it stopped before the end, at a budget
    /// or because every checked property was already violated, and the branches may lie past it.
    public var coverageUnjudged: String? {
        if let budgetCut { return budgetCut.description }
        return completion == .allViolated ? "every checked property was violated" : nil
    }

    /// The `cover:` branches the search never reached, with where the spec asked for them. Empty
    /// when the engine measures no coverage (see `coverage`) and when the search stopped early
    /// (`coverageUnjudged`).
    public var missedBranches: [(branch: Branch, location: SourceLocation)] {
        guard let coverage, coverageUnjudged == nil else { return [] }
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
