/// `cache_reap`'s work for one cache on one CPU.
extension Kernel {
    /// `drain_array_locked(cachep, ac, 0)`: a touched array is only untouched; an idle one gives
    /// back a fifth of its limit (or half of what it holds, if less).
    mutating func drainArrayLocked(_ ac: ArrayCacheRef) throws(Crash) {
        if when(s[ac.touched] != 0) {
            s[ac.touched] = 0
        } else if when(s[ac.avail] != 0) {
            var tofree = (s[ac.limit] + 4) / 5
            if when(tofree > s[ac.avail]) {
                tofree = (s[ac.avail] + 1) / 2
            }
            try freeBlock(ac, count: &tofree)
            s[ac.avail] = s[ac.avail] - tofree
            shiftDown(ac, by: tofree)
        }
    }

    /// `cache_reap` for this CPU: its array always; with `full` (the list-level reap is due) the
    /// shared array and then, unless `free_touched`, some free slabs.
    mutating func cacheReap(full: Bool) throws(Crash) {
        let ac = acData()
        try access(ac)
        try drainArrayLocked(ac)
        guard full else { return }
        join(.reapAfterDrain(shared: false))
        if when(s[layout.shared.limit] > 0) {
            try drainArrayLocked(layout.shared)
        }
        join(.reapAfterDrain(shared: true))
        if when(s[layout.freeTouched] != 0) {
            s[layout.freeTouched] = 0
            return
        }
        var tofree = (s[layout.freeLimit] + 5 * num - 1) / (5 * num)
        repeat {
            guard let slabp = try first(.free) else { break }
            if when(s[slabp.inuse] != 0) { throw .reapBugOn }  // BUG_ON(slabp->inuse);
            cover(.reapDestroy)
            listDel(slabp)
            s[layout.freeObjects] = s[layout.freeObjects] - num
            slabDestroy(slabp)
            tofree = tofree - 1
        } while when(tofree > 0)
    }
}
