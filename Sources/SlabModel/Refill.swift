/// How a call into the allocator stands at the end of a step, as its caller sees it.
enum AllocEnd<V> {
    case object(V)
    case null
    /// In `cache_grow` with interrupts on: the task sleeps until its `growDone`.
    case sleeps
    /// Only `grow-fail-irqs-on`: the refill goes on with interrupts on, from this point.
    case irqsOn(TaskStatus)
}

/// What the seed does after `x = cache_grow(cachep, flags)` returns.
enum AfterGrow {
    case null
    case retry
    case handOut
}

/// `cache_alloc_refill` (Linux 2.6.9 mm/slab.c), to be read beside the kernel's text (quoted in `Documentation/Model.md`).
extension Kernel {
    mutating func cacheAllocRefill(inInterrupt: Bool) throws(Crash) -> AllocEnd<V> {
        checkIrqOff()
        var ac = acData()
        return try retry(&ac, inInterrupt: inInterrupt)
    }

    /// From the `retry:` label to the end of the seed.
    mutating func retry(_ ac: inout ArrayCacheRef, inInterrupt: Bool) throws(Crash) -> AllocEnd<V> {
        while true {
            try pass()
            try access(ac)
            var batchcount = s[ac.batchcount]
            if when(s[ac.touched] == 0), when(batchcount > V(constant: config.batchRefillLimit)) {
                // If there was little recent activity on this cache, then perform only a partial refill.
                batchcount = V(constant: config.batchRefillLimit)
            }
            // l3 = list3_data(cachep);
            if when(s[ac.avail] > 0) { throw .refillBugOn }  // BUG_ON(ac->avail > 0);
            // spin_lock(&cachep->spinlock);
            try refillLocked(ac, &batchcount)
            // alloc_done: spin_unlock(&cachep->spinlock);
            if when(s[ac.avail] == 0) {  // if (unlikely(!ac->avail))
                cover(.mustGrow)
                guard inInterrupt else { return .sleeps }  // x = cache_grow(cachep, flags): may sleep
                let x = try cacheGrowAtomic()
                switch try afterGrow(x, &ac) {
                case .null: return .null
                case .retry: continue
                case .handOut: break
                }
            }
            if irqsOn { return .irqsOn(.irqsOnBeforeDecrement) }
            return try handOut(ac)
        }
    }

    /// The locked part: from `spin_lock` to `alloc_done:`.
    mutating func refillLocked(_ ac: ArrayCacheRef, _ batchcount: inout V) throws(Crash) {
        let sharedArray = layout.shared
        if when(s[sharedArray.limit] > 0) {  // if (l3->shared)
            if when(s[sharedArray.avail] != 0) {
                cover(.sharedHit)
                if when(batchcount > s[sharedArray.avail]) {
                    batchcount = s[sharedArray.avail]
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
                return  // goto alloc_done;
            }
        }
        while when(batchcount > 0) {
            try pass()
            // Get slab alloc is to come from.
            let slabp: SlabRef
            if let partial = try first(.partial) {
                cover(.partialSlab)
                slabp = partial
            } else {
                s[layout.freeTouched] = 1
                guard let free = try first(.free) else { break }  // goto must_grow;
                cover(.freeSlab)
                slabp = free
            }
            // check_slabp(cachep, slabp); check_spinlock_acquired(cachep);
            // slabp->inuse and cachep->num are unsigned int: an inuse a double free took below 0
            // compares huge.
            while when(
                variant == .overrunSlab
                    ? V.unsignedGreater(num + 1, s[slabp.inuse]) : V.unsignedGreater(num, s[slabp.inuse])),
                postDecrement(&batchcount)
            {
                // ac_entry(ac)[ac->avail++] = slabp->s_mem + slabp->free*cachep->objsize;
                try setEntry(ac, s[ac.avail], objectAddress(slabp, s[slabp.free]), site: .refillOverflow)
                s[ac.avail] = s[ac.avail] + 1
                s[slabp.inuse] = s[slabp.inuse] + 1
                let next = try bufctl(slabp, s[slabp.free])  // next = slab_bufctl(slabp)[slabp->free];
                s[slabp.free] = next
            }
            // move slabp to correct slabp list:
            listDel(slabp)
            if variant != .slabStaysPartial, when(s[slabp.free] == end) {
                try listAdd(slabp, .full)
            } else {
                try listAdd(slabp, .partial)
            }
        }
        // must_grow:
        if variant != .noFreeDecrement {
            s[layout.freeObjects] = s[layout.freeObjects] - s[ac.avail]
        }
    }

    /// The seed after `cache_grow` returns `x`, from `ac = ac_data(cachep)` to the hand-out.
    mutating func afterGrow(_ x: V, _ ac: inout ArrayCacheRef) throws(Crash) -> AfterGrow {
        // cache_grow can reenable interrupts, then ac could change.
        if variant != .staleAc { ac = acData() }
        try access(ac)
        if when(x == 0), when(s[ac.avail] == 0) {  // no objects in sight? abort
            cover(.nullReturn)
            return .null
        }
        if variant == .retryIgnoresIrq, when(x != 0) {  // if (x || !ac->avail) goto retry;
            cover(.retryAfterGrow)
            return .retry
        }
        if when(s[ac.avail] == 0) {  // objects refilled by interrupt?
            cover(.retryAfterGrow)
            return .retry
        }
        cover(.refilledByInterrupt)
        return .handOut
    }

    /// `ac->touched = 1; return ac_entry(ac)[--ac->avail];`
    mutating func handOut(_ ac: ArrayCacheRef) throws(Crash) -> AllocEnd<V> {
        s[ac.touched] = 1
        s[ac.avail] = s[ac.avail] - 1
        return .object(entry(ac, s[ac.avail]))
    }

    /// Counts one pass of the refill's outer loop (retries included) against `refill-terminates`.
    mutating func pass() throws(Crash) {
        passes += 1
        if passes > config.passBudget {
            violate(.refillTerminates)
            throw .hang
        }
    }

    /// C's `batchcount--` as a loop condition: true when the value before the decrement was non-zero.
    mutating func postDecrement(_ value: inout V) -> Bool {
        let old = value
        value = value - 1
        return when(old != 0)
    }

    /// `slabp->s_mem + index*cachep->objsize` as an object id. Past the last object (a free list
    /// at `BUFCTL_END`) it is no object at all.
    mutating func objectAddress(_ slab: SlabRef, _ index: V) -> V {
        if when(index < num) { return V(constant: slab.slot * config.num) + index }
        return V(constant: layout.wild)
    }

    /// `slab_bufctl(slabp)[index]`. Past the array (after taking a wild object) the kernel reads
    /// memory that is no bufctl: the model stops there, as the oops would.
    mutating func bufctl(_ slab: SlabRef, _ index: V) throws(Crash) -> V {
        guard when(index >= 0), when(index < num) else { throw .wildObject }
        return V.load(s.cells, base: slab.bufctl, count: config.num, at: index)
    }

    /// `memcpy` of `n` entries from `from` starting at `at` into `to` starting at 0. Entries
    /// outside `from`'s `0..<limit` are memory the model does not follow: the run stops there.
    mutating func copy(_ n: V, from: ArrayCacheRef, at start: V, to: ArrayCacheRef) throws(Crash) {
        guard when(start >= 0), when(start + n <= s[from.limit]) else { throw .sharedCopyOutOfBounds }
        for i in 0..<to.capacity {
            guard when(V(constant: i) < n) else { break }
            s[to.entries + i] = entry(from, start + V(constant: i))
        }
    }
}
