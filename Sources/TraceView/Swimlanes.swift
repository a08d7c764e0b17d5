import SlabModel
import SlabTrace

/// A trace laid out as swimlanes: a lane per CPU, a row per step, placed in the lane of the CPU
/// it ran on. Both renderers draw this, so the terminal and the SVG show the same picture.
public struct Swimlanes: Sendable {
    public struct Row: Sendable {
        /// 1-based, as `TraceText` and replay count steps.
        public var step: Int
        public var context: Context
        /// The lane the step runs in; nil spans every lane (`tune`, or a task a trace names that
        /// does not exist).
        public var lane: Int?
        /// `alloc(task: 0)`.
        public var action: String
        /// `→ object 3`, `→ NULL`, `→ sleeps in cache_grow`; empty for a step that returns nothing.
        public var outcome: String
        public var changes: [Change]
        /// The properties this step, or the state it left, broke.
        public var broken: [String]
    }

    public var title: String
    /// `cpus=2 num=2 …`, the configuration the trace ran on.
    public var subtitle: String
    public var lanes: [String]
    /// Every field of the initial state.
    public var initial: [(name: String, value: String)]
    public var rows: [Row]

    public init(_ trace: SlabTrace) {
        let o = trace.origin
        let c = o.configuration
        title = "Counterexample for \(o.property ?? "the run"): \(o.variant.rawValue), \(trace.steps.count) steps"
        subtitle =
            "\(o.spec): cpus=\(c.cpus) num=\(c.num) limit=\(c.limit) batchcount=\(c.batchcount) "
            + "sharedLimit=\(c.sharedLimit) pages=\(c.pages) tasks=\(c.tasks), engine \(o.engine)"
        property = o.property
        lanes = (0..<c.cpus).map { "cpu\($0)" }
        initial = trace.initial.fields
        var before = trace.initial
        rows = trace.steps.enumerated().map { i, step in
            defer { before = step.state }
            let context = Context(step.action, in: before)
            let lane = context.cpu.flatMap { (0..<c.cpus).contains($0) ? $0 : nil }
            return Row(
                step: i + 1, context: context, lane: lane, action: step.action.description,
                outcome: Swimlanes.outcome(step, before: before), changes: Change.between(before, step.state),
                broken: step.violated)
        }
    }

    /// The property the trace is a counterexample for, if it names one.
    public var property: String?

    /// The first step that broke the trace's property (any property, for a trace that names
    /// none): where the trace's point is. Steps before it may break others along the way.
    public var breakingStep: Int? {
        rows.first { row in property.map(row.broken.contains) ?? !row.broken.isEmpty }?.step
    }

    static func outcome(_ step: SlabTrace.Step, before: Snapshot) -> String {
        switch step.returned {
        case .object(let o): return "→ object \(o)"
        case .null: return "→ NULL"
        case nil: break
        }
        switch step.action {
        case .alloc(let t), .growDone(let t, _), .resume(let t):
            guard step.state.tasks.indices.contains(t) else { return "" }
            let status = step.state.tasks[t].status
            return status == "sleepingInGrow" ? "→ sleeps in cache_grow" : status == "idle" ? "" : "→ \(status)"
        case .migrate(_, let c): return "→ cpu\(c)"
        default: return ""
        }
    }
}
