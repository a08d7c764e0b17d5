import ModelKit

/// One step in progress: the state it changes, the context that runs it, and what it has broken.
///
/// The kernel functions (`cache_alloc_refill`, `free_block`, …) are methods of this type, written
/// over `Oracle.Value` so that the same text runs concretely, along one path, or merged into one
/// circuit (`Oracle`). A crash (a `BUG_ON`, a wild pointer, a hang) is thrown as `Stop.crash`,
/// because the kernel would not come back from it either.
///
/// Every `if` on the state is `flow.when`, and every value an arm changes is written through
/// `s` or `flow.assign`. A helper that runs a body of the caller's (`enter`, `withHeldAc`) hands it the
/// kernel as an `inout` argument rather than letting it capture `self`, so the body and the helper
/// never hold `self` at once.
struct Kernel<O: Oracle> {
    typealias V = O.Value

    let layout: Layout
    let variant: Variant
    var s: GuardedState<O>
    /// The control flow: a `let`, so that the arms it runs may change the kernel.
    let flow: O
    /// `smp_processor_id()` of the running context.
    var cpu: Int
    /// Whether interrupts are on where the code runs; only `grow-fail-irqs-on` ever runs with them on.
    var irqsOn = false
    /// The step properties this step has broken so far (concretely and along one path; a merged
    /// run records them with their guards in `flow`).
    var violations: PropertySet = []
    /// Outer-loop passes of the refill in this step, retries included (`refill-terminates`).
    var passes: V = 0
    /// What the allocation this step ran returned (`.some(nil)` for NULL), for the trace.
    var returned: V?? = nil
    /// The `Branch`es this step took, one bit each: not state, so it changes no state space.
    /// Symbolically, past a join it is that of one of the paths that joined.
    var coverage: UInt64 = 0
    /// An interrupt's `cache_grow` is to fail though a page is free (`irqAlloc(growFails: true)`).
    var growFails = false
    /// 1 once such a grow failed: an interrupt told to fail whose step never reached a grow with
    /// a free page is no other step than the one told nothing.
    var pressureApplied: V = 0

    var config: Configuration { layout.config }
    var num: V { V(constant: config.num) }
    var end: V { V(constant: layout.end) }

    init(layout: Layout, variant: Variant, state: SlabState<V>, oracle: O, cpu: Int) {
        self.layout = layout
        self.variant = variant
        self.s = GuardedState(state: state, oracle: oracle)
        self.flow = oracle
        self.cpu = cpu
    }

    mutating func violate(_ property: BuiltInProperty) {
        violations.insert(property.set)
        flow.violate(property)
    }

    /// `BUG_ON(condition)`: the run stops with `crash` where it holds.
    func bugOn(_ condition: V.Condition, _ crash: Crash) throws {
        try flow.ensure(condition.negated, else: crash)
    }

    /// Marks a point where the rest of the step depends only on the state, `value`, the fields
    /// of `JoinKey`, `passes`, `pressureApplied`, the open `whileLoop`s' passes (which the oracle
    /// keeps) and what the action fixes (its CPU, task, object): the caller keeps every other live
    /// value in `value` or out of the rest of the step.
    mutating func join(_ place: JoinKey.Place, carrying value: inout V) {
        let key = JoinKey(place: place, cpu: cpu, irqsOn: irqsOn, violations: violations, afterReturn: returned != nil)
        var carried = Carried(value: value, passes: passes, pressureApplied: pressureApplied)
        flow.join(&s.state, carrying: &carried, at: key)
        value = carried.value
        passes = carried.passes
        pressureApplied = carried.pressureApplied
    }

    /// `join` with nothing to carry.
    mutating func join(_ place: JoinKey.Place) {
        var nothing = V(constant: 0)
        join(place, carrying: &nothing)
    }

    /// Records that this step took `branch`.
    mutating func cover(_ branch: Branch) { coverage |= branch.bit }

    /// `check_irq_off()`: the kernel only warns; the model records an `irqs-off` violation.
    mutating func checkIrqOff() {
        if irqsOn { violate(.irqsOff) }
    }

    /// `ac_data(cachep)`: the running CPU's installed array.
    func acData() -> ArrayCacheRef { layout.ac(cpu) }

    /// Every access to an `array_cache` goes through here: it is where `ac-current` and `irqs-off`
    /// are judged, and where touching an array that `tune` freed ends the run.
    mutating func access(_ ac: ArrayCacheRef) throws {
        if irqsOn { violate(.irqsOff) }
        if let owner = ac.owner, owner != cpu { violate(.acCurrent) }
        if ac.freed {
            violate(.acCurrent)
            throw Stop.crash(.useAfterFree)
        }
    }

    /// `ac_entry(ac)[i]`, for an `i` the caller knows to be below `ac->avail`.
    func entry(_ ac: ArrayCacheRef, _ i: V) -> V {
        V.load(s.cells, base: ac.entries, count: ac.capacity, at: i)
    }

    /// `ac_entry(ac)[i] = value`; a write outside `0..<ac->limit` is memory corruption the model
    /// does not follow, so it ends the run, at `site` (an `avail-bounds` violation).
    mutating func setEntry(_ ac: ArrayCacheRef, _ i: V, _ value: V, site: Crash) throws {
        try flow.ensure(i >= V(constant: 0), else: site)
        try flow.ensure(i < s[ac.limit], else: site)
        try flow.ensure(i < V(constant: ac.capacity), else: site)
        s.store(value, base: ac.entries, count: ac.capacity, at: i)
    }

    /// `memmove(&ac_entry(ac)[0], &ac_entry(ac)[n], sizeof(void*) * ac->avail)` after `ac->avail -= n`.
    mutating func shiftDown(_ ac: ArrayCacheRef, by n: V) throws {
        // The copy writes entries only: `ac->avail` is the same at every test.
        try flow.forEach(below: s[ac.avail], capacity: ac.capacity) { i in
            s[ac.entries + i] = entry(ac, V(constant: i) + n)
        }
    }

    /// Runs `body` on task `t`'s CPU.
    mutating func enter(task t: Int, _ body: (inout Kernel) throws -> Void) throws {
        try flow.pick(s[layout.task(t).cpu], below: config.cpus, else: .crash(.corrupt)) { c in
            cpu = c
            try body(&self)
        }
    }

    /// Runs `body` with the `ac` task `t` kept in its local variable across a step boundary.
    mutating func withHeldAc(_ t: Int, _ body: (inout Kernel, ArrayCacheRef) throws -> Void) throws {
        let task = layout.task(t)
        try flow.pick(s[task.acCpu], below: config.cpus, else: .crash(.corrupt)) { c in
            let installed = layout.ac(c)
            var freed = installed
            freed.freed = true
            try flow.when(s[task.acStale] != 0, { try body(&self, freed) }, else: { try body(&self, installed) })
        }
    }
}

extension BuiltInProperty {
    /// The property's place in `SlabModel.propertyNames`.
    public var index: Int { BuiltInProperty.allCases.firstIndex(of: self) ?? 0 }
    public var set: PropertySet { PropertySet(index: index) }
}
