/// `cache_reap`'s work for one cache on one CPU.
extension Kernel {
    /// `drain_array_locked(cachep, ac, 0)`: a touched array is only untouched; an idle one gives
    /// back a fifth of its limit (or half of what it holds, if less).
    mutating func drainArrayLocked(_ ac: ArrayCacheRef) throws {
        try flow.when(
            s[ac.touched] != 0, { s[ac.touched] = 0 },
            else: {
                try flow.when(s[ac.avail] != 0) {
                    var tofree = (s[ac.limit] + 4) / 5
                    try flow.when(tofree > s[ac.avail]) {
                        flow.assign(&tofree, (s[ac.avail] + 1) / 2)
                    }
                    try freeBlock(ac, count: &tofree)
                    s[ac.avail] = s[ac.avail] - tofree
                    try shiftDown(ac, by: tofree)
                }
            })
    }

    /// `cache_reap` for this CPU: its array always; with `full` (the list-level reap is due) the
    /// shared array and then, unless `free_touched`, some free slabs.
    mutating func cacheReap(full: Bool) throws {
        let ac = acData()
        try access(ac)
        try drainArrayLocked(ac)
        guard full else { return }
        join(.reapAfterDrain(shared: false))
        try flow.when(s[layout.shared.limit] > 0) {
            try drainArrayLocked(layout.shared)
        }
        join(.reapAfterDrain(shared: true))
        try flow.when(s[layout.freeTouched] != 0, { s[layout.freeTouched] = 0 }, else: { try reapFreeSlabs() })
    }

    /// `tofree = (l3->free_limit + 5*cachep->num - 1) / (5*cachep->num); do { ... } while (tofree > 0);`
    mutating func reapFreeSlabs() throws {
        var tofree = (s[layout.freeLimit] + 5 * num - 1) / (5 * num)
        // One slab goes per pass, so the loop ends within `pages` passes.
        try flow.loop(
            upTo: config.pages + 1, while: { i in i == 0 ? V.Condition(constant: true) : tofree > 0 },
            { _ in
                try flow.when(
                    s[layout.list(.free).count] > 0,
                    {
                        try first(.free) { k, slabp in
                            try k.bugOn(k.s[slabp.inuse] != 0, .reapBugOn)  // BUG_ON(slabp->inuse);
                            k.cover(.reapDestroy)
                            try k.listDel(slabp)
                            k.s[k.layout.freeObjects] = k.s[k.layout.freeObjects] - k.num
                            k.slabDestroy(slabp)
                        }
                    }, else: { throw Stop.breakLoop })
                flow.assign(&tofree, tofree - 1)
            }, exhausted: {})
    }
}
