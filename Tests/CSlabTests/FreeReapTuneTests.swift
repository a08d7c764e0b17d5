import CSlab
import Testing

@Suite("Free, reap, tune")
struct FreeReapTuneTests {
    @Test("a flush into a full shared array goes through free_block")
    func flushIntoFullSharedFreesToSlab() throws {
        let w = try #require(World(config(num: 4, limit: 2, batchcount: 1, shared: 1, pages: 2, freeLimit: 100)))
        var held: [Int] = []
        for _ in 0..<4 { held.append(w.allocNow(0).object) }
        #expect(Set(held) == [0, 1, 2, 3])
        w.free(0, held[0])
        w.free(0, held[1])
        w.free(0, held[2])  // flush: the shared array has room for one
        var s = w.snap()
        #expect(s.shared.entries == [held[0]])
        #expect(s.ac[0].entries == [held[1], held[2]])
        let before = s.freeObjects
        w.free(0, held[3])  // flush: the shared array is full, so free_block
        s = w.snap()
        #expect(s.shared.entries == [held[0]])
        #expect(s.ac[0].entries == [held[2], held[3]])
        #expect(s.freeObjects == before + 1)
        #expect(s.slots[0].inuse == 3)
        #expect(s.slots[0].free == held[1])  // pushed on the slab's free chain
        #expect(s.partial == [0])
        #expect(s.freeObjectsExact)
    }

    @Test("free_block destroys a slab that empties once free_objects > free_limit")
    func freeBlockDestroysAboveFreeLimit() throws {
        for (freeLimit, destroyed) in [(0, true), (1, false)] {
            let w = try #require(World(config(num: 1, limit: 1, batchcount: 1, pages: 2, freeLimit: freeLimit)))
            #expect(w.allocNow(0).object == 0)
            #expect(w.allocNow(0).object == 1)
            w.free(0, 0)
            w.free(0, 1)  // flush: free_block(obj 0) empties slot 0; free_objects becomes 1
            let s = w.snap()
            #expect(s.slots[0].live == !destroyed)
            #expect(s.freeList == (destroyed ? [] : [0]))
            #expect(s.freeObjects == (destroyed ? 0 : 1))
            #expect(s.freeObjectsExact)
            #expect(s.ac[0].entries == [1])
        }
    }

    @Test("reap skips a touched array and clears touched, then drains an untouched one")
    func reapSkipsTouched() throws {
        let w = try #require(World(config(num: 2, limit: 4, batchcount: 2, pages: 2, freeLimit: 100)))
        #expect(w.allocNow(0).object == 1)
        var s = w.snap()
        #expect(s.ac[0].touched == 1 && s.ac[0].entries == [0])
        #expect(w.reap(0, full: false).isDone)
        s = w.snap()
        #expect(s.ac[0].touched == 0 && s.ac[0].entries == [0])
        w.reap(0, full: false)  // (limit + 4) / 5 = 1 object goes back through free_block
        s = w.snap()
        #expect(s.ac[0].avail == 0)
        #expect(s.slots[0].inuse == 1 && s.slots[0].free == 0)
        #expect(s.partial == [0] && s.freeObjects == 1 && s.freeObjectsExact)
    }

    @Test("reap's list-level part clears free_touched, then destroys free slabs")
    func reapDestroysFreeSlabs() throws {
        let w = try #require(World(config(num: 2, limit: 4, batchcount: 2, pages: 2, freeLimit: 100)))
        #expect(w.allocNow(0).object == 1)
        w.reap(0, full: false)  // clears touched
        w.reap(0, full: false)  // drains object 0
        w.free(0, 1)
        w.reap(0, full: false)  // drains object 1: slot 0 is empty, goes to slabs_free
        var s = w.snap()
        #expect(s.freeList == [0] && s.freeTouched == 1)
        w.reap(0, full: true)
        s = w.snap()
        #expect(s.freeTouched == 0 && s.freeList == [0])  // free_touched was set: nothing destroyed
        w.reap(0, full: true)
        s = w.snap()
        #expect(s.freeList.isEmpty && !s.slots[0].live && s.freeObjects == 0 && s.freeObjectsExact)
    }

    @Test("reap's destroy loop is do-while: one free slab goes even when tofree computes to 0")
    func reapDestroysAtLeastOne() throws {
        // free_limit 0 makes tofree = (0 + 5*num - 1) / (5*num) = 0.
        let w = try #require(World(config(num: 2, limit: 2, batchcount: 1, pages: 2, tasks: 1, freeLimit: 0)))
        #expect(w.alloc(0).isParked)
        #expect(w.irqAlloc(0).object == 0)  // grows slot 0 in the interrupt
        #expect(w.growDone(0, true).object == 1)  // slot 1 joins slabs_free; the retry uses slot 0
        var s = w.snap()
        #expect(s.freeList == [1] && s.freeTouched == 1)
        w.reap(0, full: true)  // clears free_touched
        w.reap(0, full: true)
        s = w.snap()
        #expect(s.freeList.isEmpty && !s.slots[1].live)
        #expect(s.freeObjects == 0 && s.freeObjectsExact)
    }

    @Test("tune empties the old arrays through free_block and replaces the shared array")
    func tuneReplacesArrays() throws {
        let w = try #require(
            World(config(cpus: 2, num: 4, limit: 2, batchcount: 2, shared: 4, pages: 2, tunings: [(8, 4, 2)])))
        var held: [Int] = []
        for _ in 0..<4 { held.append(w.allocNow(0).object) }
        w.free(0, held[0])
        w.free(0, held[1])
        w.free(0, held[2])  // flush two into the shared array
        var s = w.snap()
        #expect(s.ac[0].avail == 1 && s.shared.avail == 2)
        #expect(s.slots[0].inuse == 4)
        #expect(w.tune(0).isDone)
        s = w.snap()
        for c in 0..<2 {
            #expect(s.ac[c] == ArraySnap.empty(limit: 8, batchcount: 4))
        }
        #expect(s.shared.present && s.shared.limit == 8 && s.shared.avail == 0)
        #expect(s.slots[0].inuse == 1)  // only held[3] is still out
        #expect(s.freeObjects == 3 && s.freeObjectsExact)
        #expect(s.freeLimit == 3 * 4 + 4)
        #expect(s.acCurrentViolations == 0 && s.irqsOffViolations == 0)
        // The new arrays work.
        #expect(w.allocNow(1).isObject)
    }
}

extension ArraySnap {
    static func empty(limit: Int, batchcount: Int) -> ArraySnap {
        var a = ArraySnap(cslab_array_snapshot())
        a.present = true
        a.limit = limit
        a.batchcount = batchcount
        return a
    }
}
