/// One atomic step of Documentation/Model.md (Steps): who runs, and with which arguments.
public enum SlabAction: Hashable, Sendable, CustomStringConvertible {
    case alloc(task: Int)
    case growDone(task: Int, ok: Bool)
    case free(task: Int, object: Int)
    /// `growFails`: the interrupt's `cache_grow` fails though a slot is dead (memory pressure;
    /// only with `growMayFail`, and only where the step reaches such a grow).
    case irqAlloc(cpu: Int, growFails: Bool)
    case irqFree(cpu: Int, object: Int)
    case migrate(task: Int, cpu: Int)
    case reap(cpu: Int, full: Bool)
    case tune(Int)
    /// Only `grow-fail-irqs-on`: the task runs to its next point with interrupts on.
    case resume(task: Int)

    /// The step's name as traces record it (`mbt::actionTaken`).
    public var name: String {
        switch self {
        case .alloc: "alloc"
        case .growDone: "growDone"
        case .free: "free"
        case .irqAlloc: "irqAlloc"
        case .irqFree: "irqFree"
        case .migrate: "migrate"
        case .reap: "reap"
        case .tune: "tune"
        case .resume: "resume"
        }
    }

    /// The step's arguments by name, in order (`mbt::nondetPicks`).
    public var arguments: [(name: String, value: Int)] {
        switch self {
        case .alloc(let t), .resume(let t): [("task", t)]
        case .growDone(let t, let ok): [("task", t), ("ok", ok ? 1 : 0)]
        case .free(let t, let o): [("task", t), ("object", o)]
        case .irqAlloc(let c, let fails): [("cpu", c), ("growFails", fails ? 1 : 0)]
        case .irqFree(let c, let o): [("cpu", c), ("object", o)]
        case .migrate(let t, let c): [("task", t), ("cpu", c)]
        case .reap(let c, let full): [("cpu", c), ("full", full ? 1 : 0)]
        case .tune(let k): [("tuning", k)]
        }
    }

    public var description: String {
        "\(name)(" + arguments.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + ")"
    }

    /// Rebuilds an action from its trace form; nil when the name or arguments do not fit.
    public init?(name: String, arguments: [String: Int]) {
        func arg(_ key: String) -> Int? { arguments[key] }
        func flag(_ key: String) -> Bool? {
            switch arguments[key] {
            case 0: false
            case 1: true
            default: nil
            }
        }
        switch name {
        case "alloc":
            guard let t = arg("task") else { return nil }
            self = .alloc(task: t)
        case "growDone":
            guard let t = arg("task"), let ok = flag("ok") else { return nil }
            self = .growDone(task: t, ok: ok)
        case "free":
            guard let t = arg("task"), let o = arg("object") else { return nil }
            self = .free(task: t, object: o)
        case "irqAlloc":
            guard let c = arg("cpu"), let fails = flag("growFails") else { return nil }
            self = .irqAlloc(cpu: c, growFails: fails)
        case "irqFree":
            guard let c = arg("cpu"), let o = arg("object") else { return nil }
            self = .irqFree(cpu: c, object: o)
        case "migrate":
            guard let t = arg("task"), let c = arg("cpu") else { return nil }
            self = .migrate(task: t, cpu: c)
        case "reap":
            guard let c = arg("cpu"), let full = flag("full") else { return nil }
            self = .reap(cpu: c, full: full)
        case "tune":
            guard let k = arg("tuning") else { return nil }
            self = .tune(k)
        case "resume":
            guard let t = arg("task") else { return nil }
            self = .resume(task: t)
        default: return nil
        }
    }
}
