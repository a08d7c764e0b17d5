import ModelKit

/// One step in progress: the state it changes, the context that runs it, and what it has broken.
///
/// The kernel functions (`cache_alloc_refill`, `free_block`, …) are methods of this type, written
/// over `Oracle.Value` so that the same text runs concretely and symbolically. A crash (a `BUG_ON`,
/// a wild pointer, a hang) is thrown, because the kernel would not come back from it either.
struct Kernel<O: Oracle> {
    typealias V = O.Value

    let layout: Layout
    let variant: Variant
    var s: SlabState<V>
    var oracle: O
    /// `smp_processor_id()` of the running context.
    var cpu: Int
    /// Whether interrupts are on where the code runs; only `grow-fail-irqs-on` ever runs with them on.
    var irqsOn = false
    /// The step properties this step has broken so far.
    var violations: PropertySet = []
    /// Outer-loop passes of the refill in this step, retries included (`refill-terminates`).
    var passes = 0
    /// What the allocation this step ran returned (`.some(nil)` for NULL), for the trace.
    var returned: V?? = nil
    /// The `Branch`es this step took, one bit each: not state, so it changes no state space.
    /// Symbolically, past a join it is that of one of the paths that joined.
    var coverage: UInt64 = 0
    /// `free_block` calls this step has made: with the array, where a `free_block` join is.
    var blockFrees = 0
    /// Whether an interrupt's `cache_grow` is to fail though a page is free, and whether one did.
    var pressure = Pressure.none

    var config: Configuration { layout.config }
    /// An interrupt was told its grow fails, and no grow with a free page came.
    var pressureUnused: Bool { pressure == .pending }
    var num: V { V(constant: config.num) }
    var end: V { V(constant: layout.end) }

    init(layout: Layout, variant: Variant, state: SlabState<V>, oracle: O, cpu: Int) {
        self.layout = layout
        self.variant = variant
        self.s = state
        self.oracle = oracle
        self.cpu = cpu
    }

    mutating func when(_ condition: V.Condition) -> Bool { oracle.decide(condition) }

    mutating func violate(_ property: BuiltInProperty) { violations.insert(property.set) }

    /// Marks a point where the rest of the step depends only on the state, `carried`, the fields
    /// of `JoinKey` and what the action fixes (its CPU, task, object): the caller keeps every other
    /// live value in `carried` or out of the rest of the step. After a return value is set, the
    /// rest depends on it too, so there is no join.
    mutating func join(_ place: JoinKey.Place, carrying carried: inout V) {
        guard returned == nil else { return }
        let key = JoinKey(place: place, cpu: cpu, irqsOn: irqsOn, passes: passes, violations: violations)
        oracle.join(&s, carrying: &carried, at: key)
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
    mutating func access(_ ac: ArrayCacheRef) throws(Crash) {
        if irqsOn { violate(.irqsOff) }
        if let owner = ac.owner, owner != cpu { violate(.acCurrent) }
        if ac.freed {
            violate(.acCurrent)
            throw .useAfterFree
        }
    }

    /// `ac_entry(ac)[i]`, for an `i` the caller knows to be below `ac->avail`.
    func entry(_ ac: ArrayCacheRef, _ i: V) -> V {
        V.load(s.cells, base: ac.entries, count: ac.capacity, at: i)
    }

    /// `ac_entry(ac)[i] = value`; a write outside `0..<ac->limit` is memory corruption the model
    /// does not follow, so it ends the run, at `site` (an `avail-bounds` violation).
    mutating func setEntry(_ ac: ArrayCacheRef, _ i: V, _ value: V, site: Crash) throws(Crash) {
        guard when(i >= V(constant: 0)), when(i < s[ac.limit]), when(i < V(constant: ac.capacity)) else {
            throw site
        }
        V.store(value, into: &s.cells, base: ac.entries, count: ac.capacity, at: i)
    }

    /// `memmove(&ac_entry(ac)[0], &ac_entry(ac)[n], sizeof(void*) * ac->avail)` after `ac->avail -= n`.
    mutating func shiftDown(_ ac: ArrayCacheRef, by n: V) {
        for i in 0..<ac.capacity {
            guard when(V(constant: i) < s[ac.avail]) else { break }
            s[ac.entries + i] = entry(ac, V(constant: i) + n)
        }
    }

    /// The slab an object lives in (`GET_PAGE_SLAB(virt_to_page(objp))`) and its index in it.
    mutating func slabOf(_ object: V) throws(Crash) -> (SlabRef, V) {
        guard let slot = oracle.pick(object / num, below: config.pages) else { throw .wildObject }
        return (layout.slab(slot), object - V(constant: slot) * num)
    }
}

/// Memory pressure on an interrupt's `cache_grow` (`irqAlloc(growFails: true)`).
enum Pressure {
    /// The grow succeeds wherever a page is free.
    case none
    /// The next grow with a free page fails.
    case pending
    /// A grow with a free page failed.
    case applied
}

extension BuiltInProperty {
    /// The property's place in `SlabModel.propertyNames`.
    public var index: Int { BuiltInProperty.allCases.firstIndex(of: self) ?? 0 }
    public var set: PropertySet { PropertySet(index: index) }
}

extension Crash: Error {}
