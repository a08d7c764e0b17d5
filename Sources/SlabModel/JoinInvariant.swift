import ModelKit

/// What holds where a step stops at one of its joins: the invariants the segment engine proves
/// a step by, segment by segment (Documentation/Design.md, "Segments").
///
/// Between steps the state properties hold. Half way through a loop they hold too, but for what
/// the loop is in the middle of:
/// - in the refill's batch loop, the objects taken so far are in the array and still counted in
///   `free_objects` (`must_grow:` subtracts them), and inside `takeObjects` the slab being
///   emptied stays on the list it was found on until the loop ends; the batch the loop still
///   carries fits in the array;
/// - in `free_block`, the objects given back so far are on their slabs though the array still
///   lists them, the rest are counted in `free_objects` already (it adds them all first), and the
///   object `__cache_free` was handed is in no place yet.
///
/// Written over `ModelValue` like the properties, so what the engine assumes and proves is this
/// code.
extension SlabProperties {
    /// One part of an invariant: a state property, or a fact of the loop.
    public struct NamedCondition<V: ModelValue> {
        public var name: String
        public var holds: V.Condition

        public init(name: String, holds: V.Condition) {
            self.name = name
            self.holds = holds
        }
    }

    /// The invariant at the join `key` of `action`'s step for the state `s` and the values
    /// carried there; nil where the values carried are not those of the join (no invariant is
    /// claimed then).
    public func invariant<V: ModelValue>(
        at key: JoinKey, of action: SlabAction, in s: SlabState<V>, carrying carried: Carried<V>
    ) -> [NamedCondition<V>]? {
        let batchcount = carried.value
        switch key.place {
        case .batchLoop(let ac, let retries):
            guard let pass = carried.loops.first else { return nil }
            // After `while (batchcount > 0)`: at least one object is still to come. (Each bound
            // on its own as well as the sum, so that no sum wraps in a narrow encoding.)
            let fits = (batchcount > V(constant: 0)).and(batchcount <= s[ac.limit]).and(
                s[ac.avail] + batchcount <= s[ac.limit])
            let before = retries * (config.pages + 2) + 1
            let first = (pass == V(constant: 0)).and(listed(s) >= V(constant: 1))
            return midRefill(s, ac: ac, taking: nil, carried, passesBefore: before, pass: pass) + [
                NamedCondition(name: "batch-fits", holds: fits),
                retryTakes(s, ac: ac, retries: retries, orFirst: first),
            ]
        case .takeObjects(let ac, let retries, let slot):
            guard carried.loops.count >= 2 else { return nil }
            let (pass, index) = (carried.loops[0], carried.loops[1])
            // `batchcount--` runs after the test on `inuse`: the batch may be spent already, but
            // only once this call has taken an object, which the slab's `inuse` counts. So this
            // call has taken `index` objects, fewer than `num`: its loop never reaches its bound.
            let slab = layout.slab(slot)
            let inuse = s[slab.inuse]
            let first = (index == V(constant: 0)).and(batchcount > V(constant: 0))
            let later = (index > V(constant: 0)).and(inuse >= index)
            let fits = (batchcount >= V(constant: 0)).and(batchcount <= s[ac.limit]).and(
                s[ac.avail] + batchcount <= s[ac.limit]
            ).and(first.or(later))
            let room = isLive(s, slot).and(inuse >= V(constant: 0)).and(inuse < V(constant: config.num))
            let before = retries * (config.pages + 2) + 2
            let firstTake = (pass == V(constant: 0)).and(index == V(constant: 0))
            return midRefill(s, ac: ac, taking: slot, carried, passesBefore: before, pass: pass) + [
                NamedCondition(name: "batch-fits", holds: fits), NamedCondition(name: "slab-has-room", holds: room),
                retryTakes(s, ac: ac, retries: retries, orFirst: firstTake),
            ]
        case .freeBlock(let array):
            guard let freeing = freeing(at: key, of: action, carrying: carried) else { return nil }
            // After the object at `pass`: it and those before it are back on their slabs.
            let pass = freeing.freed - V(constant: 1)
            let nrObjects = carried.value
            var range = (pass >= V(constant: 0)).and(pass < nrObjects).and(nrObjects <= s[array.avail])
            // `tune` gives back every object an old array holds, then empties it.
            if case .tune = action { range = range.and(nrObjects == s[array.avail]) }
            return midStep(s, pending: nrObjects - freeing.freed, freeing: freeing) + [
                NamedCondition(name: "free-block-range", holds: range), noRefill(carried),
            ]
        case .reapAfterDrain:
            return midStep(s) + [noRefill(carried)]
        }
    }

    /// Half way through `free_block` at `key` in `action`'s step: how many entries are given
    /// back, and the object in hand (`free`'s and `irqFree`'s, which `__cache_free` holds while
    /// `cache_flusharray` makes room); nil at any other join, or without the loop's pass.
    public func freeing<V: ModelValue>(at key: JoinKey, of action: SlabAction, carrying carried: Carried<V>)
        -> Freeing<V>?
    {
        guard case .freeBlock(let array) = key.place, let pass = carried.loops.first else { return nil }
        var inHand: Int? = nil
        switch action {
        case .free(_, let object), .irqFree(_, let object): inHand = object
        default: break
        }
        return Freeing(array: array, freed: pass + V(constant: 1), inHand: inHand)
    }

    /// No task is in the refill's tail with interrupts on, unless `variant` puts one there (only
    /// `grow-fail-irqs-on` does, `TaskStatus`): then `resume` is never enabled, and no join is
    /// passed with interrupts on (`key`, when the state is a join's). Without it, induction's
    /// step case starts `resume` from a task in the tail of a seed that never gets there.
    public func noIrqsOnTail<V: ModelValue>(_ s: SlabState<V>, variant: Variant, at key: JoinKey? = nil)
        -> V.Condition
    {
        var ok = V.Condition(constant: true)
        guard variant != .growFailIrqsOn else { return ok }
        if key?.irqsOn == true { return V.Condition(constant: false) }
        for t in 0..<config.tasks {
            ok = ok.and(s[layout.task(t).status] < V(constant: TaskStatus.irqsOnBeforeReload.rawValue))
        }
        return ok
    }

    /// Outside the refill: no pass counted, no grow failed under pressure.
    func noRefill<V: ModelValue>(_ carried: Carried<V>) -> NamedCondition<V> {
        let none = (carried.passes == V(constant: 0)).and(carried.pressureApplied == V(constant: 0))
        return NamedCondition(name: "no-refill", holds: none)
    }

    /// A retry's refill takes an object, so it never grows again (a second retry is a hang):
    /// once it has, the array holds it; before, `first` says it is about to (the grow's fresh slab
    /// is listed as the first pass begins; the slab in hand has room as its first take begins).
    func retryTakes<V: ModelValue>(_ s: SlabState<V>, ac: ArrayCacheRef, retries: Int, orFirst first: V.Condition)
        -> NamedCondition<V>
    {
        let holds = retries == 0 ? V.Condition(constant: true) : (s[ac.avail] >= V(constant: 1)).or(first)
        return NamedCondition(name: "retry-takes-an-object", holds: holds)
    }

    /// The slabs on `slabs_partial` and `slabs_free`, where the batch loop looks.
    func listed<V: ModelValue>(_ s: SlabState<V>) -> V {
        s[layout.list(.partial).count] + s[layout.list(.free).count]
    }

    /// Every per-CPU array's batch fits in it, and every array's `limit` in its entries: `tune`
    /// keeps them so, and the refill's batch loop relies on it.
    public func arraysSized<V: ModelValue>(_ s: SlabState<V>) -> V.Condition {
        var ok = V.Condition(constant: true)
        for ac in (0..<config.cpus).map(layout.ac) {
            ok = ok.and(s[ac.batchcount] >= V(constant: 1)).and(s[ac.batchcount] <= s[ac.limit])
        }
        for ac in (0..<config.cpus).map(layout.ac) + [layout.shared] {
            ok = ok.and(s[ac.limit] >= V(constant: 0)).and(s[ac.limit] <= V(constant: ac.capacity))
        }
        return ok
    }

    /// The state properties half way through the batch loop filling `ac`, with `taking` the slab
    /// `takeObjects` is emptying, if any, in the batch loop's pass `pass`; at most
    /// `passesBefore + pass` passes counted, so that the pass budget is not reached on the way
    /// out, and no grow failed under pressure (there is none before the batch loop, and no retry
    /// after one).
    ///
    /// The batch loop's rank: a pass that goes on has filled its slab and moved it to
    /// `slabs_full`, so at pass `pass` at most `pages - pass` slabs are left on the other lists,
    /// and the loop ends before it reaches its bound.
    func midRefill<V: ModelValue>(
        _ s: SlabState<V>, ac: ArrayCacheRef, taking: Int?, _ carried: Carried<V>, passesBefore: Int, pass: V
    ) -> [NamedCondition<V>] {
        let counted = (carried.passes >= V(constant: 0)).and(carried.passes <= V(constant: passesBefore) + pass)
        let pages = V(constant: config.pages)
        let rank = (pass >= V(constant: 0)).and(pass <= pages)
        return [
            NamedCondition(name: "batch-loop-rank", holds: rank.and(listed(s) <= pages - pass)),
            NamedCondition(name: "passes-counted", holds: counted),
            NamedCondition(name: "no-pressure", holds: carried.pressureApplied == V(constant: 0)),
        ] + midStep(s, taking: taking, pending: s[ac.avail])
    }

    /// The state properties, as a step half way through a loop keeps them: `taking` is the slab
    /// `takeObjects` is emptying, `pending` the objects off their slabs still counted in
    /// `free_objects`, `freeing` where `free_block` is; and the run has not stopped.
    func midStep<V: ModelValue>(
        _ s: SlabState<V>, taking: Int? = nil, pending: V? = nil, freeing: Freeing<V>? = nil
    ) -> [NamedCondition<V>] {
        [
            NamedCondition(name: "running", holds: s[layout.crash] == V(constant: 0)),
            NamedCondition(name: "arrays-sized", holds: arraysSized(s)),
            NamedCondition(name: BuiltInProperty.availBounds.rawValue, holds: availBounds(s)),
            NamedCondition(name: BuiltInProperty.inuseBounds.rawValue, holds: inuseBounds(s)),
            NamedCondition(name: BuiltInProperty.inuseMatchesFreelist.rawValue, holds: inuseMatchesFreelist(s)),
            NamedCondition(name: BuiltInProperty.listPlacement.rawValue, holds: listPlacement(s, taking: taking)),
            NamedCondition(
                name: BuiltInProperty.freeObjectsExact.rawValue, holds: freeObjectsExact(s, pending: pending)),
            NamedCondition(name: BuiltInProperty.conservation.rawValue, holds: conservation(s, freeing: freeing)),
            NamedCondition(name: AuxiliaryInvariant.listsHoldSlabs.rawValue, holds: listsHoldSlabs(s)),
        ]
    }
}
