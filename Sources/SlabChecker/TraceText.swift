import SlabModel
import SlabTrace

/// A trace as a person reads it on a terminal: who ran, what, what it returned, what changed.
public enum TraceText {
    public static func render(_ trace: SlabTrace) -> String {
        var lines = ["Counterexample for \(trace.origin.property ?? "the run") (\(trace.steps.count) steps, variant \(trace.origin.variant.rawValue)):"]
        lines.append("  0. initial state")
        for field in trace.initial.fields { lines.append("       \(field.name) = \(field.value)") }
        var before = trace.initial
        for (i, step) in trace.steps.enumerated() {
            var headline = "  \(i + 1). \(who(step.action, in: before)): \(step.action)"
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

    /// The context that ran a step: a task on its CPU, an interrupt, a per-CPU work item.
    static func who(_ action: SlabAction, in state: Snapshot) -> String {
        func task(_ t: Int) -> String {
            state.tasks.indices.contains(t) ? "task \(t) on cpu \(state.tasks[t].cpu)" : "task \(t)"
        }
        switch action {
        case .alloc(let t), .growDone(let t, _), .free(let t, _), .resume(let t): return task(t)
        case .migrate(let t, _): return task(t) + " (asleep)"
        case .irqAlloc(let c), .irqFree(let c, _): return "interrupt on cpu \(c)"
        case .reap(let c, _): return "cache_reap on cpu \(c)"
        case .tune: return "tune (every cpu)"
        }
    }
}
