/// `cache_alloc_refill` (Linux 2.6.9 mm/slab.c), to be read beside the kernel's text (quoted in `Documentation/Model.md`).
///
/// The seed's `goto`s are the structure here: `goto alloc_done` is the `else` of the shared-array
/// hit, `goto must_grow` breaks the batch loop, and `goto retry` calls `retry` again (at most
/// once: see `retry`). Every path ends the allocation with `finish`.
extension Kernel {
    /// `cache_alloc_refill(cachep, flags)` for task `t`, or in an interrupt (`t == nil`).
    mutating func cacheAllocRefill(task t: Int?) throws {
        checkIrqOff()
        try retry(acData(), task: t, retries: 0)
    }

    /// From the `retry:` label to the end of the seed; `retries` is how many `goto retry`s led here.
    mutating func retry(_ ac: ArrayCacheRef, task t: Int?, retries: Int) throws {
        // A retry follows a grow (or, from `growDone`, a grow in the step before), so the refill
        // it makes finds that fresh slab and takes at least one object: it never grows again, and
        // a second retry is a loop no consistent state makes. The model stops one as a hang, as
        // it stops any refill that loops (`refill-terminates`); the bound is what a merged run unrolls.
        guard retries <= 1 else { return try hang() }
        try pass()
        try access(ac)
        var batchcount = s[ac.batchcount]
        try flow.when(s[ac.touched] == 0) {
            try flow.when(batchcount > V(constant: config.batchRefillLimit)) {
                // If there was little recent activity on this cache, then perform only a partial refill.
                flow.assign(&batchcount, V(constant: config.batchRefillLimit))
            }
        }
        // l3 = list3_data(cachep);
        try bugOn(s[ac.avail] > 0, .refillBugOn)  // BUG_ON(ac->avail > 0);
        // spin_lock(&cachep->spinlock);
        try refillLocked(ac, &batchcount, retries: retries)
        // alloc_done: spin_unlock(&cachep->spinlock);
        try flow.when(
            s[ac.avail] == 0,
            {  // if (unlikely(!ac->avail))
                cover(.mustGrow)
                // x = cache_grow(cachep, flags): with interrupts on, it may sleep.
                guard t == nil else { return try finish(.sleeps, task: t) }
                let x = try cacheGrowAtomic()
                try afterGrow(x, ac, task: t, retries: retries)
            }, else: { try allocDone(ac, task: t) })
    }

    /// The locked part: from `spin_lock` to `alloc_done:`.
    mutating func refillLocked(_ ac: ArrayCacheRef, _ batchcount: inout V, retries: Int) throws {
        let sharedArray = layout.shared
        // if (l3->shared) { ...; if (shared_array->avail) { ...; goto alloc_done; } }
        try flow.when(
            s[sharedArray.limit] > 0,
            {
                try flow.when(
                    s[sharedArray.avail] != 0,
                    { try refillFromShared(ac, &batchcount) },
                    else: { try refillFromSlabs(ac, &batchcount, retries: retries) })
            }, else: { try refillFromSlabs(ac, &batchcount, retries: retries) })
    }

    /// The shared array's hit, up to `goto alloc_done`.
    mutating func refillFromShared(_ ac: ArrayCacheRef, _ batchcount: inout V) throws {
        let sharedArray = layout.shared
        cover(.sharedHit)
        try flow.when(batchcount > s[sharedArray.avail]) {
            flow.assign(&batchcount, s[sharedArray.avail])
        }
        s[sharedArray.avail] = s[sharedArray.avail] - batchcount
        s[ac.avail] = batchcount
        // memcpy(ac_entry(ac), &ac_entry(shared_array)[shared_array->avail], sizeof(void*)*batchcount);
        let top = variant == .sharedWrongEnd ? 0 : s[sharedArray.avail]
        try copy(batchcount, from: sharedArray, at: top, to: ac)
        s[sharedArray.touched] = 1
        if variant == .sharedCountsFree {
            s[layout.freeObjects] = s[layout.freeObjects] - s[ac.avail]
        }
    }

    /// `while (batchcount > 0) { ... }` over the slab lists, then `must_grow:`.
    ///
    /// A pass that leaves `batchcount` above 0 stopped because its slab had no object left, and
    /// moved that slab to `slabs_full`, where no later pass looks: with `pages` slabs, the loop
    /// ends within `pages + 1` passes. A run that makes more (only a state whose free lists and
    /// `inuse` disagree can, or a mutant that leaves a full slab on `slabs_partial`) loops for
    /// ever, and the model stops it there as a hang (`refill-terminates`) rather than at the pass
    /// budget: the same step, the same state. The bound is what a merged run unrolls.
    ///
    /// Each pass begins at a join that carries `batchcount`, the one local the rest reads: a
    /// symbolic engine may start a segment of the step there.
    mutating func refillFromSlabs(_ ac: ArrayCacheRef, _ batchcount: inout V, retries: Int) throws {
        try flow.whileLoop(
            upTo: config.pages + 1, while: { _ in batchcount > 0 },
            head: { join(.batchLoop(array: ac, retries: retries), carrying: &batchcount) },
            { _ in
                try self.pass()
                // Get slab alloc is to come from.
                try flow.when(
                    s[layout.list(.partial).count] > 0,
                    {
                        try first(.partial) { k, slabp in
                            k.cover(.partialSlab)
                            try k.takeObjects(from: slabp, into: ac, &batchcount, retries: retries)
                        }
                    },
                    else: {
                        s[layout.freeTouched] = 1
                        try flow.when(
                            s[layout.list(.free).count] > 0,
                            {
                                try first(.free) { k, slabp in
                                    k.cover(.freeSlab)
                                    try k.takeObjects(from: slabp, into: ac, &batchcount, retries: retries)
                                }
                            }, else: { throw Stop.breakLoop })  // goto must_grow;
                    })
            }, latch: {}, exhausted: { try hang() })
        // must_grow:
        if variant != .noFreeDecrement {
            s[layout.freeObjects] = s[layout.freeObjects] - s[ac.avail]
        }
    }

    /// The batch loop's body once it has its slab: take objects, then move the slab to its list.
    /// Each iteration begins at a join that carries `batchcount`; `retries` only names it.
    mutating func takeObjects(from slabp: SlabRef, into ac: ArrayCacheRef, _ batchcount: inout V, retries: Int) throws {
        // check_slabp(cachep, slabp); check_spinlock_acquired(cachep);
        // slabp->inuse and cachep->num are unsigned int: an inuse a double free took below 0
        // compares huge.
        let limit = variant == .overrunSlab ? num + 1 : num
        try flow.whileLoop(
            upTo: config.num + 2, while: { _ in V.unsignedGreater(limit, s[slabp.inuse]) },
            head: { join(.takeObjects(array: ac, retries: retries, slot: slabp.slot), carrying: &batchcount) },
            { _ in
                // `batchcount--` is the loop test's second half: it runs only where the first held.
                let old = batchcount
                flow.assign(&batchcount, old - 1)
                try flow.when(old == 0) { throw Stop.breakLoop }
                // ac_entry(ac)[ac->avail++] = slabp->s_mem + slabp->free*cachep->objsize;
                try setEntry(ac, s[ac.avail], try objectAddress(slabp, s[slabp.free]), site: .refillOverflow)
                s[ac.avail] = s[ac.avail] + 1
                s[slabp.inuse] = s[slabp.inuse] + 1
                let next = try bufctl(slabp, s[slabp.free])  // next = slab_bufctl(slabp)[slabp->free];
                s[slabp.free] = next
            }, latch: {}, exhausted: { try hang() })
        // move slabp to correct slabp list:
        try listDel(slabp)
        if variant == .slabStaysPartial {
            try listAdd(slabp, .partial)
        } else {
            try flow.when(
                s[slabp.free] == end, { try listAdd(slabp, .full) }, else: { try listAdd(slabp, .partial) })
        }
    }

    /// The seed after `cache_grow` returns `x`, from `ac = ac_data(cachep)` to the hand-out.
    mutating func afterGrow(_ x: V, _ heldAc: ArrayCacheRef, task t: Int?, retries: Int) throws {
        // cache_grow can reenable interrupts, then ac could change.
        let ac = variant == .staleAc ? heldAc : acData()
        try access(ac)
        let noObjects = (x == 0).and(s[ac.avail] == 0)
        try flow.when(
            noObjects,
            {  // no objects in sight? abort
                cover(.nullReturn)
                try finish(.null, task: t)
            },
            else: {
                // if (x || !ac->avail) goto retry;
                let again = variant == .retryIgnoresIrq ? (x != 0).or(s[ac.avail] == 0) : s[ac.avail] == 0
                try flow.when(
                    again,
                    {  // objects refilled by interrupt?
                        cover(.retryAfterGrow)
                        try retry(ac, task: t, retries: retries + 1)
                    },
                    else: {
                        cover(.refilledByInterrupt)
                        try allocDone(ac, task: t)
                    })
            })
    }

    /// The end of the refill: with interrupts off (as they should be), `ac->touched = 1; return
    /// ac_entry(ac)[--ac->avail];`.
    mutating func allocDone(_ ac: ArrayCacheRef, task t: Int?) throws {
        if irqsOn { return try finish(.irqsOn(.irqsOnBeforeDecrement), task: t) }
        try handOut(ac, task: t)
    }

    /// `ac->touched = 1; return ac_entry(ac)[--ac->avail];`
    mutating func handOut(_ ac: ArrayCacheRef, task t: Int?) throws {
        s[ac.touched] = 1
        s[ac.avail] = s[ac.avail] - 1
        try finish(.object(entry(ac, s[ac.avail])), task: t)
    }

    /// Counts one pass of the refill's loops (retries included) against `refill-terminates`.
    mutating func pass() throws {
        flow.assign(&passes, passes + 1)
        try flow.when(passes > V(constant: config.passBudget)) { try hang() }
    }

    /// The refill looped past its bound: a hang in the kernel.
    mutating func hang() throws {
        violate(.refillTerminates)
        throw Stop.crash(.hang)
    }

    /// `slabp->s_mem + index*cachep->objsize` as an object id. Past the last object (a free list
    /// at `BUFCTL_END`) it is no object at all.
    func objectAddress(_ slab: SlabRef, _ index: V) throws -> V {
        var address = V(constant: layout.wild)
        try flow.when(index < num) { flow.assign(&address, V(constant: slab.slot * config.num) + index) }
        return address
    }

    /// `slab_bufctl(slabp)[index]`. Past the array (after taking a wild object) the kernel reads
    /// memory that is no bufctl: the model stops there, as the oops would.
    func bufctl(_ slab: SlabRef, _ index: V) throws -> V {
        try flow.ensure(index >= 0, else: .wildObject)
        try flow.ensure(index < num, else: .wildObject)
        return V.load(s.cells, base: slab.bufctl, count: config.num, at: index)
    }

    /// `memcpy` of `n` entries from `from` starting at `at` into `to` starting at 0. Entries
    /// outside `from`'s `0..<limit` are memory the model does not follow: the run stops there.
    mutating func copy(_ n: V, from: ArrayCacheRef, at start: V, to: ArrayCacheRef) throws {
        try flow.ensure(start >= 0, else: .sharedCopyOutOfBounds)
        try flow.ensure(start + n <= s[from.limit], else: .sharedCopyOutOfBounds)
        try flow.forEach(below: n, capacity: to.capacity) { i in
            s[to.entries + i] = entry(from, start + V(constant: i))
        }
    }
}
