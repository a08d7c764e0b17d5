/// `__cache_alloc` and `cache_grow`: the fast path in front of the refill, and the grow behind it.
extension Kernel {
    /// `__cache_alloc(cachep, flags)` with interrupts off, for task `t` or in an interrupt
    /// (`t == nil`): hit in `ac`, or refill.
    mutating func cacheAlloc(task t: Int?) throws {
        let ac = acData()
        try access(ac)
        try flow.when(s[ac.avail] != 0, { try handOut(ac, task: t) }, else: { try cacheAllocRefill(task: t) })
    }

    /// Runs `body` with the lowest dead slot, where `cache_grow` puts a new slab, or `none` when
    /// every slot is live.
    mutating func withDeadSlot(
        _ body: (inout Kernel, Int) throws -> Void, none: (inout Kernel) throws -> Void = { _ in }
    ) throws {
        try flow.first(
            in: 0..<config.pages, where: { slot in s[layout.slab(slot).live] == 0 }, { slot in try body(&self, slot) },
            otherwise: { try none(&self) })
    }

    /// `cache_grow` once it has its page: a fresh slab at the tail of `slabs_free`.
    mutating func growSlab(into slot: Int) throws {
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

    /// `cache_grow` in an interrupt (`GFP_ATOMIC`): it never sleeps; it returns 0 when every page
    /// is live, or under memory pressure (`irqAlloc(growFails: true)`) though a page is free.
    mutating func cacheGrowAtomic() throws -> V {
        var x: V = 0
        try withDeadSlot({ k, slot in
            if k.growFails {
                k.flow.assign(&k.pressureApplied, 1)
            } else {
                try k.growSlab(into: slot)
                k.flow.assign(&x, 1)
            }
        })
        return x
    }
}
