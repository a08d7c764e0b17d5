import CSlab
import Testing

/// Where the kernel indexes an `array_cache` unchecked, the real allocator stops the run at the
/// access (avail-bounds, with the site named) before it touches memory, as the model stops there;
/// and an interrupt's grow fails under memory pressure as the model's does.
@Suite("Bounds and interrupt grows")
struct BoundsTests {
    @Test("a refill from a shared array whose avail has wrapped stops at its memcpy, reading nothing")
    func wrappedSharedAvailStopsTheRefillsCopy() throws {
        let w = try #require(World(config(num: 2, limit: 2, batchcount: 1, shared: 2, pages: 2, tasks: 1)))
        #expect(cslab_corrupt_shared_avail(w.w, 0xFFFF_FFFF) == 0)
        let r = w.irqAlloc(0)
        #expect(r.isBug, "\(r)")
        #expect(r.bugCode == Int(CSLAB_STOP_OUT_OF_BOUNDS))
        #expect(r.bugSite == "cache_alloc_refill: memcpy from shared_array entries out of bounds")
        #expect(w.snap().crashed)
    }

    @Test("a flush into a shared array whose avail has wrapped stops at cache_flusharray's memcpy")
    func wrappedSharedAvailStopsTheFlush() throws {
        let w = try #require(World(config(num: 2, limit: 2, batchcount: 1, shared: 2, pages: 2, tasks: 1)))
        for o in 0..<3 { #expect(w.irqAlloc(0).object == o) }
        #expect(w.irqFree(0, 0).isDone)
        #expect(w.irqFree(0, 1).isDone)
        #expect(cslab_corrupt_shared_avail(w.w, 0xFFFF_FFFF) == 0)
        let r = w.irqFree(0, 2)
        #expect(r.isBug, "\(r)")
        #expect(r.bugCode == Int(CSLAB_STOP_OUT_OF_BOUNDS))
        #expect(r.bugSite == "cache_flusharray: memcpy past shared_array->limit")
    }

    @Test("an interrupt's grow fails under memory pressure only where grows may fail")
    func interruptGrowFailsUnderPressure() throws {
        let w = try #require(World(config(num: 2, limit: 2, batchcount: 1, pages: 2, tasks: 1, growMayFail: true)))
        #expect(w.irqAlloc(0, growFails: true).isNull)
        #expect(w.snap().slots.allSatisfy { !$0.live })
        #expect(w.irqAlloc(0).object == 0)

        let firm = try #require(World(config(num: 2, limit: 2, batchcount: 1, pages: 2, tasks: 1)))
        #expect(firm.irqAlloc(0, growFails: true).error == Int(CSLAB_E_GROW_MUST_SUCCEED))
        #expect(firm.irqAlloc(0).object == 0)
    }
}
