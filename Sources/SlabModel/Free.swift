/// The free path: `__cache_free`, `cache_flusharray` and `free_block`.
extension Kernel {
    /// `__cache_free(cachep, objp)` on the running CPU.
    mutating func cacheFree(_ objp: V) throws(Crash) {
        let ac = acData()
        checkIrqOff()
        try access(ac)
        if when(s[ac.avail] < s[ac.limit]) {
            try setEntry(ac, s[ac.avail], objp, site: .freeOverflow)
            s[ac.avail] = s[ac.avail] + 1
            return
        }
        try cacheFlusharray(ac)
        try setEntry(ac, s[ac.avail], objp, site: .freeOverflow)
        s[ac.avail] = s[ac.avail] + 1
    }

    /// `cache_flusharray(cachep, ac)`: the oldest `batchcount` entries go to the shared array if it
    /// has room, else back to their slabs.
    mutating func cacheFlusharray(_ ac: ArrayCacheRef) throws(Crash) {
        var batchcount = s[ac.batchcount]
        // spin_lock(&cachep->spinlock);
        let sharedArray = layout.shared
        if when(s[sharedArray.limit] > 0) {  // if (cachep->lists.shared)
            let max = s[sharedArray.limit] - s[sharedArray.avail]
            if when(max != 0) {
                cover(.flushShared)
                if when(batchcount > max) { batchcount = max }
                for i in 0..<sharedArray.capacity {
                    guard when(V(constant: i) < batchcount) else { break }
                    try setEntry(
                        sharedArray, s[sharedArray.avail] + V(constant: i), entry(ac, V(constant: i)),
                        site: .flushOverflow)
                }
                s[sharedArray.avail] = s[sharedArray.avail] + batchcount
                return finishFlush(ac, batchcount)  // goto free_done;
            }
        }
        cover(.flushFreeBlock)
        try freeBlock(ac, count: &batchcount)
        finishFlush(ac, batchcount)
    }

    /// `free_done:` … `ac->avail -= batchcount; memmove(...)`.
    mutating func finishFlush(_ ac: ArrayCacheRef, _ batchcount: V) {
        // spin_unlock(&cachep->spinlock);
        s[ac.avail] = s[ac.avail] - batchcount
        shiftDown(ac, by: batchcount)
    }

    /// `free_block(cachep, ac_entry(from), nr_objects)`: each object back on its slab's free list;
    /// a slab that empties is destroyed once `free_objects > free_limit`, else goes to `slabs_free`.
    ///
    /// The paths join after each object (the caller gets `nrObjects` back, as it stands after the
    /// last join, and uses no other value of its own that a path before the join computed).
    mutating func freeBlock(_ from: ArrayCacheRef, count nrObjects: inout V) throws(Crash) {
        blockFrees += 1
        let call = blockFrees
        s[layout.freeObjects] = s[layout.freeObjects] + nrObjects
        for i in 0..<from.capacity {
            guard when(V(constant: i) < nrObjects) else { break }
            let (slabp, objnr) = try slabOf(entry(from, V(constant: i)))
            guard when(s[slabp.live] != 0) else { throw .deadSlab }
            listDel(slabp)
            V.store(s[slabp.free], into: &s.cells, base: slabp.bufctl, count: config.num, at: objnr)
            s[slabp.free] = objnr
            s[slabp.inuse] = s[slabp.inuse] - 1
            // fixup slab chains
            if when(s[slabp.inuse] == 0) {
                if when(V.unsignedGreater(s[layout.freeObjects], s[layout.freeLimit])) {
                    cover(.destroyPastFreeLimit)
                    s[layout.freeObjects] = s[layout.freeObjects] - num
                    slabDestroy(slabp)
                } else {
                    try listAdd(slabp, .free)
                }
            } else {
                // Unconditionally move a slab to the end of the partial list on free.
                try listAddTail(slabp, .partial)
            }
            join(.freeBlock(call: call, array: from, index: i), carrying: &nrObjects)
        }
    }

    /// `slab_destroy`: the slot goes dead (the slab is already off its list).
    mutating func slabDestroy(_ slabp: SlabRef) {
        s[slabp.live] = 0
    }
}
