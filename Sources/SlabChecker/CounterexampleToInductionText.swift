import SlabModel
import SymbolicChecker
import TraceView

/// A counterexample to induction as a person reads it: the states the step case found, laid out
/// like a trace, so the conjunct that would rule them out can be read off.
public enum CounterexampleToInductionText {
    /// One line per entry (a run's notes are lines).
    public static func lines(_ cti: CounterexampleToInduction, layout: Layout) -> [String] {
        let k = cti.actions.count
        var lines = [
            "counterexample to induction (k = \(k)): \(k == 1 ? "a state that satisfies" : "\(k) states that satisfy") the invariant,"
                + " stepping into one that breaks "
                + (cti.failing.isEmpty ? "a step property" : cti.failing.joined(separator: ", "))
                + "; none need be reachable",
            "  0. a state satisfying the invariant",
        ]
        var before = Snapshot(cti.states[0], layout: layout)
        for field in before.fields { lines.append("       \(field.name) = \(field.value)") }
        for (i, action) in cti.actions.enumerated() {
            let after = Snapshot(cti.states[i + 1], layout: layout)
            lines.append("  \(i + 1). \(Context(action, in: before).sentence): \(action)")
            for change in after.changes(since: before) { lines.append("       \(change.name) = \(change.value)") }
            before = after
        }
        return lines
    }
}
