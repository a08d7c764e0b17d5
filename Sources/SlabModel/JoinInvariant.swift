import ModelKit

/// What holds where a step stops at one of the refill's loop heads: the invariants the segment
/// engine proves a step by, segment by segment (Documentation/Design.md, "Segments").
///
/// Between steps the state properties hold. Half way through the refill's batch loop they hold
/// too, but for what the loop is in the middle of: the objects taken so far are in the array
/// and still counted in `free_objects` (`must_grow:` subtracts them), and inside `takeObjects`
/// the slab being emptied stays on the list it was found on until the loop ends. The batch the
/// loop still carries fits in the array. Written over `ModelValue` like the properties, so what
/// the engine assumes and proves is this code.
extension SlabProperties {
    /// One part of an invariant: a state property, or a fact of the loop.
    public struct NamedCondition<V: ModelValue> {
        public var name: String
        public var holds: V.Condition
    }

    /// The invariant at the join `key` for the state `s` and the values carried there; nil for a
    /// join with none stated yet (`free_block`'s objects, `cache_reap`'s phases).
    public func invariant<V: ModelValue>(at key: JoinKey, in s: SlabState<V>, carrying carried: Carried<V>)
        -> [NamedCondition<V>]?
    {
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
        case .freeBlock, .reapAfterDrain:
            return nil
        }
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
            NamedCondition(name: "running", holds: s[layout.crash] == V(constant: 0)),
            NamedCondition(name: "passes-counted", holds: counted),
            NamedCondition(name: "no-pressure", holds: carried.pressureApplied == V(constant: 0)),
            NamedCondition(name: "arrays-sized", holds: arraysSized(s)),
            NamedCondition(name: BuiltInProperty.availBounds.rawValue, holds: availBounds(s)),
            NamedCondition(name: BuiltInProperty.inuseBounds.rawValue, holds: inuseBounds(s)),
            NamedCondition(name: BuiltInProperty.inuseMatchesFreelist.rawValue, holds: inuseMatchesFreelist(s)),
            NamedCondition(name: BuiltInProperty.listPlacement.rawValue, holds: listPlacement(s, taking: taking)),
            NamedCondition(
                name: BuiltInProperty.freeObjectsExact.rawValue, holds: freeObjectsExact(s, pending: s[ac.avail])),
            NamedCondition(name: BuiltInProperty.conservation.rawValue, holds: conservation(s)),
            NamedCondition(name: AuxiliaryInvariant.listsHoldSlabs.rawValue, holds: listsHoldSlabs(s)),
        ]
    }
}
