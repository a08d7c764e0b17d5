import ModelKit

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
/// the same thing.
public func slabStep<O: Oracle>(
    _ action: SlabAction, from state: SlabState<O.Value>, layout: Layout, variant: Variant, oracle: inout O
) -> StepOutcome<O.Value>? {
    var k = Kernel(layout: layout, variant: variant, state: state, oracle: oracle, cpu: 0)
    defer { oracle = k.oracle }
    do {
        guard try k.perform(action) else { return nil }
    } catch {
        // An interrupt told its grow fails, stopped before any grow: the step without that
        // word is the same step.
        guard !k.pressureUnused else { return nil }
        k.s[layout.crash] = O.Value(constant: error.rawValue)
    }
    return StepOutcome(state: k.s, violations: k.violations, returned: k.returned, coverage: k.coverage)
}

extension Configuration {
    /// Whether `t` names a task; an action from a trace file may name any number at all.
    func hasTask(_ t: Int) -> Bool { (0..<tasks).contains(t) }

    func hasCpu(_ c: Int) -> Bool { (0..<cpus).contains(c) }
}

extension Kernel {
    var idle: V { V(constant: TaskStatus.idle.rawValue) }
    var sleeping: V { V(constant: TaskStatus.sleepingInGrow.rawValue) }

    /// Runs `action`; false when it is not enabled.
    mutating func perform(_ action: SlabAction) throws(Crash) -> Bool {
        guard when(s[layout.crash] == 0) else { return false }
        switch action {
        case .alloc(let t):
            guard config.hasTask(t), when(s[layout.task(t).status] == idle), try enter(task: t) else { return false }
            try finish(cacheAlloc(inInterrupt: false), task: t)
        case .growDone(let t, let ok):
            guard config.hasTask(t), when(s[layout.task(t).status] == sleeping) else { return false }
            let slot = deadSlot()
            guard ok ? slot != nil : (config.growMayFail || slot == nil), try enter(task: t) else { return false }
            try growDone(task: t, slot: ok ? slot : nil)
        case .free(let t, let o):
            guard config.hasTask(t), when(s[layout.task(t).status] == idle), try release(o), try enter(task: t)
            else { return false }
            try cacheFree(V(constant: o))
        case .irqAlloc(let c, let growFails):
            guard config.interrupts, config.hasCpu(c), !growFails || config.growMayFail else { return false }
            cpu = c
            pressure = growFails ? .pending : .none
            let end = try cacheAlloc(inInterrupt: true)
            // Failing a grow the step never reached is no other outcome than `growFails: false`.
            guard !pressureUnused else { return false }
            try finish(end, task: nil)
        case .irqFree(let c, let o):
            guard config.interrupts, config.hasCpu(c), try release(o) else { return false }
            cpu = c
            try cacheFree(V(constant: o))
        case .migrate(let t, let c):
            guard config.migration, config.hasTask(t), config.hasCpu(c),
                when(s[layout.task(t).status] == sleeping), when(s[layout.task(t).cpu] != V(constant: c))
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
            guard config.hasTask(t), let status = taskStatus(t), status.runsWithIrqsOn, try enter(task: t)
            else { return false }
            irqsOn = true
            try resume(task: t, at: status)
        }
        return true
    }

    /// Runs the rest of the code on task `t`'s CPU.
    mutating func enter(task t: Int) throws(Crash) -> Bool {
        guard let c = oracle.pick(s[layout.task(t).cpu], below: config.cpus) else { throw .corrupt }
        cpu = c
        return true
    }

    mutating func taskStatus(_ t: Int) -> TaskStatus? {
        oracle.pick(s[layout.task(t).status], below: TaskStatus.allCases.count).flatMap(TaskStatus.init(rawValue:))
    }

    /// Takes `o` from a caller's hands; false when nobody holds `o`. Holders are counted, not
    /// flagged, so an object handed out twice takes two frees to be gone.
    mutating func release(_ o: Int) throws(Crash) -> Bool {
        guard o >= 0, o < layout.objects, when(s[layout.held(o)] != 0) else { return false }
        s[layout.held(o)] = s[layout.held(o)] - 1
        return true
    }

    /// Task `t`'s `cache_grow` returns: with a new slab in `slot`, or failed (nil).
    mutating func growDone(task t: Int, slot: Int?) throws(Crash) {
        if let slot { try growSlab(into: slot) }
        if slot == nil, variant == .growFailIrqsOn {
            // The failure path returns without disabling interrupts again.
            s[layout.task(t).status] = V(constant: TaskStatus.irqsOnBeforeReload.rawValue)
            return
        }
        var ac = heldAc(t)
        switch try afterGrow(slot == nil ? 0 : 1, &ac) {
        case .null: try finish(.null, task: t)
        case .retry: try finish(retry(&ac, inInterrupt: false), task: t)
        case .handOut: try finish(handOut(ac), task: t)
        }
    }

    /// The `ac` task `t` kept in its local variable across a step boundary.
    mutating func heldAc(_ t: Int) -> ArrayCacheRef {
        let task = layout.task(t)
        var ac = layout.ac(oracle.pick(s[task.acCpu], below: config.cpus) ?? cpu)
        ac.freed = when(s[task.acStale] != 0)
        return ac
    }

    /// Records how the call ended: in the caller's hands, or in the task's status.
    mutating func finish(_ end: AllocEnd<V>, task t: Int?) throws(Crash) {
        switch end {
        case .object(let o):
            // A store at the object, not a split on it: symbolically `o` is often an `ite` over
            // the array's entries, and splitting on it multiplies a refill's paths by them.
            guard when(o >= 0), when(o < V(constant: layout.objects)) else { throw .wildObject }
            let held = V.load(s.cells, base: layout.held(0), count: layout.objects, at: o)
            V.store(held + 1, into: &s.cells, base: layout.held(0), count: layout.objects, at: o)
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
