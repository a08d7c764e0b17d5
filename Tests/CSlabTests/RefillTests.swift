import CSlab
import Testing

@Suite("Refill")
struct RefillTests {
    @Test("a first alloc parks in cache_grow; growDone(ok) hands out object 0 of slot 0")
    func firstAllocParksThenGetsObjectZero() throws {
        let w = try #require(World(config(num: 4, limit: 2, batchcount: 1, pages: 2)))
        let parked = w.alloc(0)
        #expect(parked.isParked)
        #expect(parked.taskStatus == Int(CSLAB_TASK_PARKED_IN_GROW))
        var s = w.snap()
        #expect(s.slots.allSatisfy { !$0.live })
        #expect(s.freeObjects == 0)
        #expect(s.tasks[0].status == Int(CSLAB_TASK_PARKED_IN_GROW))

        let r = w.growDone(0, true)
        #expect(r.isObject && r.object == 0, "\(r)")
        #expect(r.taskStatus == Int(CSLAB_TASK_IDLE))
        s = w.snap()
        // The new slab went to slabs_free, then the refill moved it to slabs_partial.
        #expect(s.partial == [0] && s.full.isEmpty && s.freeList.isEmpty)
        #expect(s.slots[0] == SlotSnap(live: true, inuse: 1, free: 1, bufctl: s.slots[0].bufctl))
        #expect(Array(s.slots[0].bufctl[1...]) == [2, 3, -1])
        #expect(s.freeObjects == 3)
        #expect(s.freeObjectsExact)
        #expect(s.held[0] == 1 && s.held.reduce(0, +) == 1)
        #expect(s.ac[0].avail == 0 && s.ac[0].touched == 1)
        #expect(s.freeTouched == 1)
    }

    @Test("a refill that empties its slab moves it to slabs_full")
    func exhaustedSlabGoesFull() throws {
        let w = try #require(World(config(num: 2, limit: 2, batchcount: 2, pages: 2)))
        #expect(w.alloc(0).isParked)
        let r = w.growDone(0, true)
        #expect(r.object == 1)  // entries [0, 1]: the top one is handed out
        let s = w.snap()
        #expect(s.full == [0] && s.partial.isEmpty && s.freeList.isEmpty)
        #expect(s.slots[0].free == -1 && s.slots[0].inuse == 2)
        #expect(s.ac[0].entries == [0])
        #expect(s.freeObjects == 0 && s.freeObjectsExact)
    }

    /// Eight objects freed on a CPU with limit 4 and batchcount 2 leave the shared array with four
    /// entries and the CPU's array empty after four fast-path allocations.
    private func sharedWithFourEntries(_ variant: cslab_variant) throws -> (World, [Int]) {
        let w = try #require(World(config(num: 8, limit: 4, batchcount: 2, shared: 8, pages: 1), variant))
        var held: [Int] = []
        for _ in 0..<8 {
            let r = w.allocNow(0)
            try #require(r.isObject, "\(r)")
            held.append(r.object)
        }
        for o in held { #expect(w.free(0, o).isDone) }
        for _ in 0..<4 { #expect(w.alloc(0).isObject) }
        let s = w.snap()
        try #require(s.ac[0].avail == 0)
        try #require(s.shared.avail == 4)
        return (w, s.shared.entries)
    }

    @Test("a refill from the shared array takes its top entries")
    func sharedRefillTakesTop() throws {
        let (w, shared) = try sharedWithFourEntries(CSLAB_SEED)
        let r = w.alloc(0)
        #expect(r.isObject && r.object == shared[3], "\(r) \(shared)")
        let s = w.snap()
        #expect(s.ac[0].entries == [shared[2]])
        #expect(s.shared.avail == 2 && s.shared.entries == Array(shared[0..<2]))
        #expect(s.shared.touched == 1)
        #expect(s.freeObjectsExact)
    }

    @Test("shared-wrong-end: a refill from the shared array takes its bottom entries")
    func sharedWrongEndTakesBottom() throws {
        let (w, shared) = try sharedWithFourEntries(CSLAB_SHARED_WRONG_END)
        let r = w.alloc(0)
        #expect(r.isObject && r.object == shared[1], "\(r) \(shared)")
        let s = w.snap()
        #expect(s.ac[0].entries == [shared[0]])
        // avail is reduced as in the seed: the bottom entries are now in two places, the top ones lost.
        #expect(s.shared.avail == 2 && s.shared.entries == Array(shared[0..<2]))
    }

    @Test("an interrupt allocation grows and retries in one step, and returns NULL without pages")
    func irqAllocGrowsInOneStep() throws {
        let w = try #require(World(config(num: 1, limit: 1, batchcount: 1, pages: 1)))
        let r = w.irqAlloc(0)
        #expect(r.isObject && r.object == 0)
        let n = w.irqAlloc(0)
        #expect(n.isNull, "\(n)")
        #expect(w.snap().full == [0])
    }
}
