import ModelKit

/// How a call into the allocator stands at the end of a step, as its caller sees it.
enum AllocEnd<V> {
    case object(V)
    case null
    /// In `cache_grow` with interrupts on: the task sleeps until its `growDone`.
    case sleeps
    /// Only `grow-fail-irqs-on`: the refill goes on with interrupts on, from this point.
    case irqsOn(TaskStatus)
}

/// What one step did, beyond the state it left.
public struct StepOutcome<V: ModelValue> {
    public var state: SlabState<V>
    /// The step properties it broke (`ac-current`, `irqs-off`, `refill-terminates`).
    public var violations: PropertySet
    /// What an allocation returned: an object, NULL (`.some(nil)`), or nothing yet / not an alloc.
    public var returned: V??
    /// The `Branch`es the step took, as `Branch.bit`s.
    public var coverage: UInt64 = 0
}

/// The step function of the model: the transitions of Documentation/Model.md (Steps), with their enabling conditions.
///
/// Returns nil when `action` is not enabled in `state`. Enabling is decided here, by the same code
/// that runs the step, so the explicit engine's action list and the symbolic engine's guards are
/// the same thing. A merged run (`Oracle`) always returns an outcome: its oracle holds where the
/// step is enabled and where it crashed.
public func slabStep<O: Oracle>(
    _ action: SlabAction, from state: SlabState<O.Value>, layout: Layout, variant: Variant, oracle: O
) -> StepOutcome<O.Value>? {
    var k = Kernel(layout: layout, variant: variant, state: state, oracle: oracle, cpu: 0)
    do {
        guard try k.perform(action) else { return nil }
    } catch Stop.crash(let crash) {
        k.s[layout.crash] = O.Value(constant: crash.rawValue)
    } catch {
        return nil
    }
    // An interrupt told its grow fails that never reached a grow with a free page: the step
    // without that word is the same step.
    if k.growFails, !oracle.requireOfEveryEnd(k.pressureApplied != 0) { return nil }
    return StepOutcome(state: k.s.state, violations: k.violations, returned: k.returned, coverage: k.coverage)
}

extension Configuration {
    /// Whether `t` names a task; an action from a trace file may name any number at all.
    func hasTask(_ t: Int) -> Bool { (0..<tasks).contains(t) }

    func hasCpu(_ c: Int) -> Bool { (0..<cpus).contains(c) }
}

extension Kernel {
    var idle: V { V(constant: TaskStatus.idle.rawValue) }
    var sleeping: V { V(constant: TaskStatus.sleepingInGrow.rawValue) }

    /// Runs `action`; false when it is not enabled (a merged run says so through `flow` instead).
    mutating func perform(_ action: SlabAction) throws -> Bool {
        guard flow.require(s[layout.crash] == 0) else { return false }
        switch action {
        case .alloc(let t):
            guard config.hasTask(t), flow.require(s[layout.task(t).status] == idle) else { return false }
            try enter(task: t) { k in try k.cacheAlloc(task: t) }
        case .growDone(let t, let ok):
            guard config.hasTask(t), flow.require(s[layout.task(t).status] == sleeping) else { return false }
            // A grow succeeds only with a free page (the lowest), and fails only where it may.
            try withDeadSlot(
                { k, slot in
                    guard ok || k.config.growMayFail else { throw Stop.disabled }
                    try k.enter(task: t) { k in try k.growDone(task: t, grownInto: ok ? slot : nil) }
                },
                none: { k in
                    guard !ok else { throw Stop.disabled }
                    try k.enter(task: t) { k in try k.growDone(task: t, grownInto: nil) }
                })
        case .free(let t, let o):
            guard config.hasTask(t), flow.require(s[layout.task(t).status] == idle), release(o) else { return false }
            try enter(task: t) { k in try k.cacheFree(V(constant: o)) }
        case .irqAlloc(let c, let growFails):
            guard config.interrupts, config.hasCpu(c), !growFails || config.growMayFail else { return false }
            cpu = c
            self.growFails = growFails
            try cacheAlloc(task: nil)
        case .irqFree(let c, let o):
            guard config.interrupts, config.hasCpu(c), release(o) else { return false }
            cpu = c
            try cacheFree(V(constant: o))
        case .migrate(let t, let c):
            guard config.migration, config.hasTask(t), config.hasCpu(c),
                flow.require(s[layout.task(t).status] == sleeping),
                flow.require(s[layout.task(t).cpu] != V(constant: c))
            else { return false }
            s[layout.task(t).cpu] = V(constant: c)
        case .reap(let c, let full):
            guard config.reap, config.hasCpu(c) else { return false }
            cpu = c
            try cacheReap(full: full)
        case .tune(let index):
            guard config.tuning.indices.contains(index) else { return false }
            try doTuneCpucache(config.tuning[index])
        case .resume(let t):
            guard config.hasTask(t), flow.require(runsWithIrqsOn(t)) else { return false }
            try flow.pick(s[layout.task(t).status], below: TaskStatus.allCases.count, else: .disabled) { raw in
                guard let status = TaskStatus(rawValue: raw), status.runsWithIrqsOn else { throw Stop.disabled }
                try enter(task: t) { k in
                    k.irqsOn = true
                    try k.withHeldAc(t) { k, ac in try k.resume(task: t, at: status, ac: ac) }
                }
            }
        }
        return true
    }

    /// Task `t` is at one of the points of the refill's tail with interrupts on (`runsWithIrqsOn`).
    func runsWithIrqsOn(_ t: Int) -> V.Condition {
        s[layout.task(t).status] >= V(constant: TaskStatus.irqsOnBeforeReload.rawValue)
    }

    /// Takes `o` from a caller's hands; false when nobody holds `o`. Holders are counted, not
    /// flagged, so an object handed out twice takes two frees to be gone.
    mutating func release(_ o: Int) -> Bool {
        guard o >= 0, o < layout.objects, flow.require(s[layout.held(o)] != 0) else { return false }
        s[layout.held(o)] = s[layout.held(o)] - 1
        return true
    }

    /// Task `t`'s `cache_grow` returns: with a new slab in `slot`, or failed (nil).
    mutating func growDone(task t: Int, grownInto slot: Int?) throws {
        if let slot { try growSlab(into: slot) }
        if slot == nil, variant == .growFailIrqsOn {
            // The failure path returns without disabling interrupts again.
            s[layout.task(t).status] = V(constant: TaskStatus.irqsOnBeforeReload.rawValue)
            return
        }
        // `ac = ac_data(cachep)` after the grow makes the task's own `ac` dead, but in stale-ac,
        // which keeps it: only there does the step depend on it.
        let x: V = slot == nil ? 0 : 1
        if variant == .staleAc {
            try withHeldAc(t) { k, ac in try k.afterGrow(x, ac, task: t, retries: 0) }
        } else {
            try afterGrow(x, acData(), task: t, retries: 0)
        }
    }

    /// Records how the call ended: in the caller's hands, or in the task's status.
    mutating func finish(_ end: AllocEnd<V>, task t: Int?) throws {
        switch end {
        case .object(let o):
            // A store at the object, not a split on it: symbolically `o` is often an `ite` over
            // the array's entries, and splitting on it multiplies a refill's paths by them.
            try flow.ensure(o >= 0, else: .wildObject)
            try flow.ensure(o < V(constant: layout.objects), else: .wildObject)
            let held = V.load(s.cells, base: layout.held(0), count: layout.objects, at: o)
            s.store(held + 1, base: layout.held(0), count: layout.objects, at: o)
            returned = .some(o)
            setStatus(t, .idle)
        case .null:
            returned = .some(nil)
            setStatus(t, .idle)
        case .sleeps:
            setStatus(t, .sleepingInGrow)
            holdAc(t)
        case .irqsOn(let point):
            setStatus(t, point)
        }
    }

    mutating func setStatus(_ t: Int?, _ status: TaskStatus) {
        if let t { s[layout.task(t).status] = V(constant: status.rawValue) }
    }

    /// The task's `ac` local now points at this CPU's installed array.
    mutating func holdAc(_ t: Int?) {
        guard let t else { return }
        s[layout.task(t).acCpu] = V(constant: cpu)
        s[layout.task(t).acStale] = 0
    }
}
