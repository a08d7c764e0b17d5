import SlabModel

/// Who ran a step: a task on its CPU, an interrupt, `cache_reap`'s per-CPU work, or `tune` on
/// every CPU. It decides the step's lane, and the label that tells task and interrupt contexts on
/// the same CPU apart.
public struct Context: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case task(Int)
        case interrupt
        case reap
        /// `do_tune_cpucache` touches every CPU's array: it spans all lanes.
        case everyCPU
    }

    public var kind: Kind
    /// The CPU it runs on; nil for `everyCPU`, or for a task a trace names that does not exist.
    public var cpu: Int?

    /// The context of `action`, read in the state before it (a task runs where it is then).
    public init(_ action: SlabAction, in state: Snapshot) {
        func task(_ t: Int) -> (Kind, Int?) { (.task(t), state.tasks.indices.contains(t) ? state.tasks[t].cpu : nil) }
        switch action {
        case .alloc(let t), .growDone(let t, _), .free(let t, _), .resume(let t), .migrate(let t, _):
            (kind, cpu) = task(t)
        case .irqAlloc(let c, _), .irqFree(let c, _): (kind, cpu) = (.interrupt, c)
        case .reap(let c, _): (kind, cpu) = (.reap, c)
        case .tune: (kind, cpu) = (.everyCPU, nil)
        }
    }

    /// `t0@cpu0`, `irq@cpu1`, `reap@cpu0`, `tune@all`.
    public var label: String {
        let at = cpu.map { "@cpu\($0)" } ?? ""
        switch kind {
        case .task(let t): return "t\(t)" + at
        case .interrupt: return "irq" + at
        case .reap: return "reap" + at
        case .everyCPU: return "tune@all"
        }
    }

    /// The long form step-by-step traces print: `task 0 on cpu 1`, `interrupt on cpu 0`.
    public var sentence: String {
        let on = cpu.map { " on cpu \($0)" } ?? ""
        switch kind {
        case .task(let t): return "task \(t)" + on
        case .interrupt: return "interrupt" + on
        case .reap: return "cache_reap" + on
        case .everyCPU: return "tune (every cpu)"
        }
    }
}
