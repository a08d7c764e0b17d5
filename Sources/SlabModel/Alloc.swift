/// `__cache_alloc` and `cache_grow`: the fast path in front of the refill, and the grow behind it.
extension Kernel {
    /// `__cache_alloc(cachep, flags)` with interrupts off: hit in `ac`, or refill.
    mutating func cacheAlloc(inInterrupt: Bool) throws(Crash) -> AllocEnd<V> {
        let ac = acData()
        try access(ac)
        if when(s[ac.avail] != 0) {
            return try handOut(ac)
        }
        return try cacheAllocRefill(inInterrupt: inInterrupt)
    }

    /// The lowest dead slot: where `cache_grow` puts a new slab.
    mutating func deadSlot() -> Int? {
        for slot in 0..<config.pages where when(s[layout.slab(slot).live] == 0) {
            return slot
        }
        return nil
    }

    /// `cache_grow` once it has its page: a fresh slab at the tail of `slabs_free`.
    mutating func growSlab(into slot: Int) throws(Crash) {
        let slabp = layout.slab(slot)
        s[slabp.live] = 1
        s[slabp.inuse] = 0
        s[slabp.free] = 0
        for i in 0..<config.num {
            s[slabp.bufctl + i] = V(constant: layout.initialBufctl(i))
        }
        try listAddTail(slabp, .free)
        if variant != .growUncounted {
            s[layout.freeObjects] = s[layout.freeObjects] + num
        }
    }

    /// `cache_grow` in an interrupt (`GFP_ATOMIC`): it never sleeps; it fails when every page is
    /// live, or under memory pressure (`irqAlloc(growFails: true)`) though a page is free.
    mutating func cacheGrowAtomic() throws(Crash) -> V {
        guard let slot = deadSlot() else { return 0 }
        if pressure != .none {
            pressure = .applied
            return 0
        }
        try growSlab(into: slot)
        return 1
    }
}
