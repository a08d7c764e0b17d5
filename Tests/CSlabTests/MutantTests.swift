import CSlab
import Testing

@Suite("Mutants")
struct MutantTests {
    /// Task 0 sleeps in cache_grow while an interrupt allocates (growing slot 0) and frees the object
    /// again, which leaves it in the CPU's array; then the grow completes.
    private func interruptRefillsDuringGrow(_ variant: cslab_variant) throws -> (World, Step) {
        let w = try #require(World(config(num: 2, limit: 2, batchcount: 1, pages: 2, tasks: 1), variant))
        #expect(w.alloc(0).isParked)
        let o = w.irqAlloc(0)
        #expect(o.isObject && o.object == 0)
        #expect(w.irqFree(0, 0).isDone)
        #expect(w.snap().ac[0].entries == [0])
        return (w, w.growDone(0, true))
    }

    @Test("seed: objects an interrupt put in ac during the grow are used, no BUG")
    func seedUsesInterruptRefill() throws {
        let (w, r) = try interruptRefillsDuringGrow(CSLAB_SEED)
        #expect(r.isObject && r.object == 0, "\(r)")
        let s = w.snap()
        #expect(!s.crashed && s.freeList == [1] && s.freeObjectsExact)
    }

    @Test("retry-ignores-irq: the retry after an interrupt refilled ac fires BUG_ON(ac->avail > 0)")
    func retryIgnoresIrqFiresBugOn() throws {
        let (w, r) = try interruptRefillsDuringGrow(CSLAB_RETRY_IGNORES_IRQ)
        #expect(r.isBug, "\(r)")
        #expect(r.bugCode == Int(CSLAB_BUG_REFILL_AVAIL))
        #expect(r.bugSite == "cache_alloc_refill:BUG_ON(ac->avail > 0)")
        #expect(r.taskStatus == Int(CSLAB_TASK_CRASHED))
        let s = w.snap()
        #expect(s.crashed && s.bugCode == Int(CSLAB_BUG_REFILL_AVAIL))
        #expect(s.ac[0].entries == [0])  // the state at the BUG
        // The run is over: every further step is refused, the process lives on.
        #expect(w.alloc(0).error == Int(CSLAB_E_CRASHED))
        #expect(w.irqAlloc(0).error == Int(CSLAB_E_CRASHED))
        #expect(w.reap(0, full: true).error == Int(CSLAB_E_CRASHED))
    }

    /// grow-fail-irqs-on, one CPU, one page of two objects, both held by interrupts: the task's grow
    /// fails and returns with interrupts on; the rest of its refill stops at each irqs-on point.
    private func failedGrowWithIrqsOn() throws -> World {
        let w = try #require(
            World(
                config(num: 2, limit: 2, batchcount: 1, pages: 1, tasks: 1, growMayFail: true), CSLAB_GROW_FAIL_IRQS_ON)
        )
        #expect(w.irqAlloc(0).object == 0)
        #expect(w.irqAlloc(0).object == 1)
        #expect(w.alloc(0).isParked)
        let g = w.growDone(0, false)
        #expect(g.isParked && g.taskStatus == Int(CSLAB_TASK_AT_POINT) && g.point == Int(CSLAB_POINT_RELOAD), "\(g)")
        #expect(w.snap().tasks[0].point == Int(CSLAB_POINT_RELOAD))
        return w
    }

    @Test("grow-fail-irqs-on: the failed grow leaves interrupts on and the refill's accesses are flagged")
    func growFailIrqsOnObservesIrqsOff() throws {
        let w = try failedGrowWithIrqsOn()
        #expect(w.snap().irqsOn(0))
        #expect(w.resume(0).point == Int(CSLAB_POINT_NULL_TEST))
        let r = w.resume(0)  // !x && ac->avail == 0: ac is empty, NULL
        #expect(r.isNull, "\(r)")
        #expect(r.irqsOffViolations > 0)
        #expect(r.taskStatus == Int(CSLAB_TASK_IDLE))
        #expect(w.snap().irqsOffViolations > 0)
    }

    @Test("seed: the same failed grow disables interrupts again and returns NULL in one step")
    func seedFailedGrowIsOneStep() throws {
        let w = try #require(World(config(num: 2, limit: 2, batchcount: 1, pages: 1, tasks: 1, growMayFail: true)))
        w.irqAlloc(0)
        w.irqAlloc(0)
        #expect(w.alloc(0).isParked)
        let r = w.growDone(0, false)
        #expect(r.isNull && r.irqsOffViolations == 0, "\(r)")
        #expect(w.snap().irqsOffViolations == 0)
    }

    @Test(
        "grow-fail-irqs-on: an irqFree between the decrement and the read loses one object and hands out another twice")
    func growFailIrqsOnLosesAndDuplicates() throws {
        let w = try failedGrowWithIrqsOn()
        #expect(w.irqFree(0, 0).isDone)  // at point 1: ac = [0]
        #expect(w.resume(0).point == Int(CSLAB_POINT_NULL_TEST))
        #expect(w.resume(0).point == Int(CSLAB_POINT_RETRY_TEST))
        #expect(w.resume(0).point == Int(CSLAB_POINT_DECREMENT))
        let d = w.resume(0)  // touched = 1; --avail
        #expect(d.point == Int(CSLAB_POINT_READ))
        #expect(w.snap().ac[0].avail == 0)
        #expect(w.irqFree(0, 1).isDone)  // lands in the slot about to be read
        let r = w.resume(0)
        #expect(r.isObject && r.object == 1, "\(r)")
        #expect(r.irqsOffViolations > 0)
        var s = w.snap()
        // Object 0 is lost: not held, not in any array, not on its slab's free chain.
        #expect(s.held[0] == 0 && !s.ac[0].entries.contains(0) && s.slots[0].inuse == 2 && s.slots[0].free == -1)
        // Object 1 is both held and in ac: the next allocation hands it out again.
        #expect(s.held[1] == 1 && s.ac[0].entries == [1])
        let again = w.alloc(0)
        #expect(again.object == 1 && again.doubleHandout)
        s = w.snap()
        #expect(s.held[1] == 2 && s.doubleHandouts == 1)
    }

    @Test(
        "grow-fail-irqs-on: an interrupt that empties ac between the two tests sends the task back to retry and into cache_grow"
    )
    func growFailIrqsOnRetry() throws {
        let w = try failedGrowWithIrqsOn()
        w.irqFree(0, 0)  // ac = [0]
        #expect(w.resume(0).point == Int(CSLAB_POINT_NULL_TEST))
        #expect(w.resume(0).point == Int(CSLAB_POINT_RETRY_TEST))  // ac->avail was 1: no NULL
        #expect(w.irqAlloc(0).object == 0)  // the interrupt takes it back
        let r = w.resume(0)  // !ac->avail: goto retry; nothing on the lists; cache_grow again
        #expect(r.isParked && r.taskStatus == Int(CSLAB_TASK_PARKED_IN_GROW), "\(r)")
        #expect(r.irqsOffViolations > 0)  // the retry ran with interrupts on
        let again = w.growDone(0, false)
        #expect(again.taskStatus == Int(CSLAB_TASK_AT_POINT) && again.point == Int(CSLAB_POINT_RELOAD))
        let s = w.snap()
        #expect(s.held[0] == 1 && s.ac[0].avail == 0 && s.freeObjectsExact)
    }

    @Test("stale-ac: after migration the task refills the old CPU's array (ac-current)")
    func staleAcWithMigration() throws {
        for variant in [CSLAB_SEED, CSLAB_STALE_AC] {
            let w = try #require(World(config(cpus: 2, num: 2, limit: 2, batchcount: 1, pages: 2, tasks: 1), variant))
            #expect(w.alloc(0).isParked)
            #expect(w.migrate(0, 1).isDone)
            #expect(w.snap().tasks[0].cpu == 1)
            let r = w.growDone(0, true)
            #expect(r.isObject && r.object == 0, "\(r)")
            let s = w.snap()
            if variant == CSLAB_STALE_AC {
                #expect(r.acCurrentViolations > 0)
                #expect(s.acCurrentViolations > 0)
                #expect(s.ac[0].touched == 1 && s.ac[1].touched == 0)  // CPU 0's array was used from CPU 1
            } else {
                #expect(r.acCurrentViolations == 0 && s.acCurrentViolations == 0)
                #expect(s.ac[1].touched == 1 && s.ac[0].touched == 0)
            }
        }
    }

    @Test("stale-ac after tune: the replaced array's use is detected; STOP ends the run")
    func staleAcAfterTune() throws {
        for uaf in [CSLAB_UAF_CONTINUE, CSLAB_UAF_STOP] {
            let w = try #require(
                World(
                    config(num: 2, limit: 2, batchcount: 1, pages: 2, tasks: 1, uaf: uaf, tunings: [(4, 2, 1)]),
                    CSLAB_STALE_AC))
            #expect(w.alloc(0).isParked)
            #expect(w.tune(0).isDone)
            let r = w.growDone(0, true)
            #expect(r.acCurrentViolations > 0, "\(r)")
            if uaf == CSLAB_UAF_STOP {
                #expect(r.isBug && r.bugCode == Int(CSLAB_STOP_USE_AFTER_FREE))
                #expect(w.snap().crashed)
            } else {
                #expect(r.isObject, "\(r)")
                // The object went through the freed array, not CPU 0's installed one.
                #expect(w.snap().ac[0].touched == 0)
            }
        }
    }

    @Test("overrun-slab: the refill takes an object past the slab's end and oopses on bufctl[BUFCTL_END]")
    func overrunSlabOopses() throws {
        let w = try #require(World(config(num: 2, limit: 4, batchcount: 4, pages: 2), CSLAB_OVERRUN_SLAB))
        #expect(w.alloc(0).isParked)
        let r = w.growDone(0, true)
        #expect(r.isBug && r.bugCode == Int(CSLAB_STOP_OOPS), "\(r)")
        let s = w.snap()
        #expect(s.slots[0].inuse == 3)  // inuse-bounds broken
        #expect(s.ac[0].entries == [0, 1, Int(CSLAB_OBJ_WILD)])
    }

    @Test("slab-stays-partial: a full slab stays on slabs_partial and the refill spins (refill-terminates)")
    func slabStaysPartialSpins() throws {
        let w = try #require(World(config(num: 2, limit: 4, batchcount: 4, pages: 2), CSLAB_SLAB_STAYS_PARTIAL))
        #expect(w.alloc(0).isParked)
        let r = w.growDone(0, true)
        #expect(r.isBug && r.bugCode == Int(CSLAB_STOP_HANG), "\(r)")
        let s = w.snap()
        #expect(s.partial == [0] && s.slots[0].inuse == 2)  // list-placement broken
    }

    @Test("the free_objects mutants break free-objects-exact, the seed does not")
    func freeObjectsMutants() throws {
        let cases: [(cslab_variant, Bool)] = [
            (CSLAB_SEED, true), (CSLAB_NO_FREE_DECREMENT, false), (CSLAB_GROW_UNCOUNTED, false),
            (CSLAB_SHARED_COUNTS_FREE, false),
        ]
        for (variant, exact) in cases {
            let w = try #require(World(config(num: 4, limit: 2, batchcount: 1, shared: 4, pages: 2), variant))
            var held: [Int] = []
            for _ in 0..<4 { held.append(w.allocNow(0).object) }
            for o in held { w.free(0, o) }  // two flushes into the shared array
            w.alloc(0)
            w.alloc(0)
            w.alloc(0)  // refill from the shared array
            #expect(
                w.snap().freeObjectsExact == exact, "\(String(cString: cslab_variant_name(Int32(variant.rawValue))))")
        }
    }
}
