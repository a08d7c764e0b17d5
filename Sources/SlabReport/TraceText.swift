import SlabChecker
import SlabModel
import SlabTrace
import TraceView

/// A trace as a person reads it on a terminal: who ran, what, what it returned, what changed.
public enum TraceText {
    public static func render(_ trace: SlabTrace) -> String {
        var lines = [
            "Counterexample for \(trace.origin.property ?? "the run") (\(trace.steps.count) steps, variant \(trace.origin.variant.rawValue)):"
        ]
        lines.append("  0. initial state")
        for field in trace.initial.fields { lines.append("       \(field.name) = \(field.value)") }
        var before = trace.initial
        for (i, step) in trace.steps.enumerated() {
            var headline = "  \(i + 1). \(Context(step.action, in: before).sentence): \(step.action)"
            switch step.returned {
            case .object(let o): headline += " -> object \(o)"
            case .null: headline += " -> NULL"
            case nil: break
            }
            lines.append(headline)
            for change in step.state.changes(since: before) { lines.append("       \(change.name) = \(change.value)") }
            if !step.violated.isEmpty {
                lines.append("     ✗ broken here: " + step.violated.joined(separator: ", "))
            }
            before = step.state
        }
        return lines.joined(separator: "\n")
    }
}
