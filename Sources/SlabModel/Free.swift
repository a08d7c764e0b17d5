/// The free path: `__cache_free`, `cache_flusharray` and `free_block`.
extension Kernel {
    /// `__cache_free(cachep, objp)` on the running CPU.
    mutating func cacheFree(_ objp: V) throws {
        let ac = acData()
        checkIrqOff()
        try access(ac)
        // if (ac->avail < ac->limit) { ...; return; } else cache_flusharray(cachep, ac); then the same push.
        try flow.when(s[ac.avail] < s[ac.limit], {}, else: { try cacheFlusharray(ac) })
        try setEntry(ac, s[ac.avail], objp, site: .freeOverflow)
        s[ac.avail] = s[ac.avail] + 1
    }

    /// `cache_flusharray(cachep, ac)`: the oldest `batchcount` entries go to the shared array if it
    /// has room, else back to their slabs.
    mutating func cacheFlusharray(_ ac: ArrayCacheRef) throws {
        var batchcount = s[ac.batchcount]
        // spin_lock(&cachep->spinlock);
        let sharedArray = layout.shared
        let max = s[sharedArray.limit] - s[sharedArray.avail]
        // if (cachep->lists.shared) { ...; if (max) { ...; goto free_done; } }
        try flow.when(
            s[sharedArray.limit] > 0,
            {
                try flow.when(
                    max != 0, { try flushToShared(ac, max, &batchcount) },
                    else: { try flushToSlabs(ac, &batchcount) })
            }, else: { try flushToSlabs(ac, &batchcount) })
        // free_done: spin_unlock(&cachep->spinlock);
        s[ac.avail] = s[ac.avail] - batchcount
        try shiftDown(ac, by: batchcount)
    }

    /// The shared array has room for `max` more: up to `goto free_done`.
    mutating func flushToShared(_ ac: ArrayCacheRef, _ max: V, _ batchcount: inout V) throws {
        let sharedArray = layout.shared
        cover(.flushShared)
        try flow.when(batchcount > max) { flow.assign(&batchcount, max) }
        try flow.forEach(below: batchcount, capacity: sharedArray.capacity) { i in
            try setEntry(
                sharedArray, s[sharedArray.avail] + V(constant: i), entry(ac, V(constant: i)), site: .flushOverflow)
        }
        s[sharedArray.avail] = s[sharedArray.avail] + batchcount
    }

    /// No shared array, or a full one: `free_block(cachep, &ac_entry(ac)[0], batchcount)`.
    mutating func flushToSlabs(_ ac: ArrayCacheRef, _ batchcount: inout V) throws {
        cover(.flushFreeBlock)
        try freeBlock(ac, count: &batchcount)
    }

    /// `free_block(cachep, ac_entry(from), nr_objects)`: each object back on its slab's free list;
    /// a slab that empties is destroyed once `free_objects > free_limit`, else goes to `slabs_free`.
    ///
    /// Each object ends at a join that carries `nrObjects` (the caller gets it back, as it stands
    /// after the last join, and uses no other value of its own that a path before the join
    /// computed): the path explorer's paths join there, and a segment of the step may start there.
    mutating func freeBlock(_ from: ArrayCacheRef, count nrObjects: inout V) throws {
        s[layout.freeObjects] = s[layout.freeObjects] + nrObjects
        // The loop reads `nr_objects` at each test: the joins replace it.
        try flow.whileLoop(
            upTo: from.capacity, while: { i in i < nrObjects }, head: {},
            { i in
                let objp = entry(from, i)
                // slabp = GET_PAGE_SLAB(virt_to_page(objp)); objnr = (objp - slabp->s_mem) / cachep->objsize;
                try flow.pick(objp / num, below: config.pages, else: .crash(.wildObject)) { slot in
                    try freeObject(objnr: objp - V(constant: slot) * num, of: layout.slab(slot))
                }
            }, latch: { join(.freeBlock(array: from), carrying: &nrObjects) }, exhausted: {})
    }

    /// One object of `free_block` back on its slab.
    mutating func freeObject(objnr: V, of slabp: SlabRef) throws {
        try flow.ensure(s[slabp.live] != 0, else: .deadSlab)
        try listDel(slabp)
        s.store(s[slabp.free], base: slabp.bufctl, count: config.num, at: objnr)
        s[slabp.free] = objnr
        s[slabp.inuse] = s[slabp.inuse] - 1
        // fixup slab chains
        try flow.when(
            s[slabp.inuse] == 0,
            {
                try flow.when(
                    V.unsignedGreater(s[layout.freeObjects], s[layout.freeLimit]),
                    {
                        cover(.destroyPastFreeLimit)
                        s[layout.freeObjects] = s[layout.freeObjects] - num
                        slabDestroy(slabp)
                    }, else: { try listAdd(slabp, .free) })
            },
            else: {
                // Unconditionally move a slab to the end of the partial list on free.
                try listAddTail(slabp, .partial)
            })
    }

    /// `slab_destroy`: the slot goes dead (the slab is already off its list).
    mutating func slabDestroy(_ slabp: SlabRef) {
        s[slabp.live] = 0
    }
}
