import ModelKit
import SlabModel
import Z3Kit

/// What cutting each action's step at the model's joins gives, for `bench-symbolic`: how many
/// segments, what finding them cost, and how large they are.
public struct SegmentCensus {
    public struct Row {
        public var action: SlabAction
        /// Joins the step's paths may meet: segments beside the one from the step's start.
        public var joins: Int
        /// Cuts whose guard no state satisfies, so no segment starts there.
        public var unreachableCuts: Int
        /// Seconds finding and building every segment took, a solver call per join included.
        public var seconds: Double
        /// Distinct terms of the largest segment (its ends and its cuts).
        public var largestTerms: Int
    }

    public let rows: [Row]

    /// Explores and builds every action's segments of `system`'s model, until `deadline`.
    public init(system: TransitionSystem, deadline: Deadline) throws(SymbolicError) {
        let width = system.width.bits
        let carried: Carried<Term>
        do {
            carried = try system.carriedVariables()
        } catch {
            throw .z3(error)
        }
        var rows: [Row] = []
        for action in system.actions {
            guard !deadline.expired else { throw .timeLimit("the segments' census ran out of time at \(action)") }
            let started = ContinuousClock.now
            let segments = try StepSegments(action, system: system, carried: carried, deadline: deadline)
            var largest = 0
            let built: [MergedStep] = (segments.start.map { [$0] } ?? []) + segments.joins.map { $0.segment }
            for segment in built {
                var roots: [Term] = []
                do {
                    roots.append(try segment.enabled.term(in: system.context))
                    for cut in segment.cuts {
                        roots.append(try cut.guardCondition.term(in: system.context))
                        for cell in cut.state.cells { roots.append(try cell.term(in: system.context, width: width)) }
                        for value in [cut.carried.value, cut.carried.passes, cut.carried.pressureApplied]
                            + cut.carried.loops
                        {
                            roots.append(try value.term(in: system.context, width: width))
                        }
                    }
                    for cell in segment.state.cells { roots.append(try cell.term(in: system.context, width: width)) }
                } catch {
                    throw .z3(error)
                }
                largest = max(largest, Circuit.countTerms(roots))
            }
            rows.append(
                Row(
                    action: action, joins: segments.joins.count, unreachableCuts: segments.unreachableCuts,
                    seconds: SymbolicChecker.seconds(since: started), largestTerms: largest))
        }
        self.rows = rows
    }
}
