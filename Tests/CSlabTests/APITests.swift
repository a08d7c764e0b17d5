import CSlab
import Testing

@Suite("C API")
struct APITests {
    @Test("invalid configurations are refused with a message, as slabinfo_write would")
    func invalidConfigsRefused() {
        var cases: [(String, cslab_config)] = []
        var c = config()
        c.limit = 0
        cases.append(("limit", c))
        c = config()
        c.batchcount = 0
        cases.append(("batchcount", c))
        c = config(limit: 2)
        c.batchcount = 3
        cases.append(("batchcount", c))
        c = config()
        c.shared_limit = -1
        cases.append(("shared_limit", c))
        c = config()
        c.cpus = 0
        cases.append(("cpus", c))
        c = config()
        c.cpus = Int32(CSLAB_MAX_CPUS) + 1
        cases.append(("cpus", c))
        c = config()
        c.num = 0
        cases.append(("num", c))
        c = config()
        c.pages = 0
        cases.append(("pages", c))
        c = config()
        c.tasks = 0
        cases.append(("tasks", c))
        c = config(num: 64)
        c.objsize = 64
        cases.append(("fit", c))  // 64 * 64 bytes > one page
        c = config(tunings: [(4, 5, 1)])
        cases.append(("tuning", c))
        for (field, cfg) in cases {
            let msg = World.createError(cfg)
            #expect(msg != nil && msg!.contains(field), "\(field): \(msg ?? "accepted")")
        }
        #expect(World.createError(config(), 99)?.contains("variant") == true)
        #expect(World.createError(config()) == nil)
        var err = [CChar](repeating: 0, count: 64)
        #expect(cslab_create(nil, 0, &err, err.count) == nil)
    }

    @Test("impossible steps return error codes and change nothing")
    func impossibleStepsAreErrors() throws {
        let w = try #require(World(config(cpus: 2, num: 2, limit: 2, batchcount: 1, pages: 1, tasks: 2)))
        #expect(w.alloc(0).isParked)
        let before = w.snap()
        let cases: [(Step, Int)] = [
            (w.alloc(5), CSLAB_E_BAD_TASK),
            (w.alloc(-1), CSLAB_E_BAD_TASK),
            (w.alloc(0), CSLAB_E_TASK_BUSY),  // parked
            (w.free(1, 0), CSLAB_E_NOT_HELD),
            (w.free(1, 999), CSLAB_E_NOT_HELD),
            (w.free(1, -3), CSLAB_E_NOT_HELD),
            (w.irqFree(0, 1), CSLAB_E_NOT_HELD),
            (w.irqAlloc(2), CSLAB_E_BAD_CPU),
            (w.reap(-1, full: true), CSLAB_E_BAD_CPU),
            (w.growDone(1, true), CSLAB_E_NOT_PARKED),  // idle
            (w.growDone(0, false), CSLAB_E_GROW_MUST_SUCCEED),  // a page is free, grow_may_fail off
            (w.migrate(0, 0), CSLAB_E_BAD_CPU),  // its own cpu
            (w.migrate(1, 0), CSLAB_E_NOT_PARKED),
            (w.migrate(0, 7), CSLAB_E_BAD_CPU),
            (w.resume(0), CSLAB_E_NOT_AT_POINT),
            (w.tune(0), CSLAB_E_BAD_TUNING),
        ]
        for (r, e) in cases {
            #expect(r.isError && r.error == e, "\(r) expected error \(e)")
        }
        #expect(w.snap() == before)

        // With the only page live, growDone(ok) is impossible.
        #expect(w.irqAlloc(1).isObject)
        let full = w.snap()
        #expect(w.growDone(0, true).error == Int(CSLAB_E_NO_DEAD_PAGE))
        #expect(w.snap() == full)
        #expect(w.growDone(0, false).isNull)

        let n = Step(cslab_alloc(nil, 0))
        #expect(n.isError && n.error == Int(CSLAB_E_NULL_ARG))
        #expect(Int(cslab_snapshot(nil, nil)) == CSLAB_E_NULL_ARG)
        cslab_destroy(nil)
    }

    @Test("variant names round-trip")
    func variantNames() {
        let names = [
            "seed", "stale-ac", "retry-ignores-irq", "shared-counts-free", "no-free-decrement",
            "slab-stays-partial", "shared-wrong-end", "overrun-slab", "grow-uncounted", "grow-fail-irqs-on",
        ]
        for (v, name) in names.enumerated() {
            #expect(String(cString: cslab_variant_name(Int32(v))) == name)
            #expect(cslab_variant_from_name(name) == Int32(v))
        }
        #expect(cslab_variant_name(Int32(names.count)) == nil)
        #expect(cslab_variant_from_name("nope") == -1)
    }

    @Test("many worlds with parked and stopped threads are created and destroyed cleanly")
    func manyWorldsWithParkedThreads() throws {
        for i in 0..<40 {
            let variant = i % 3 == 0 ? CSLAB_GROW_FAIL_IRQS_ON : CSLAB_SEED
            let w = try #require(
                World(config(cpus: 2, num: 2, limit: 2, batchcount: 1, pages: 1, tasks: 4, growMayFail: true), variant))
            #expect(w.alloc(0).isParked)
            #expect(w.alloc(1).isParked)
            #expect(w.alloc(2).isParked)
            #expect(w.growDone(2, false).isParked || variant == CSLAB_SEED)
            if i % 2 == 0 { #expect(w.migrate(0, 1).isDone) }
            if i % 5 == 0 { _ = w.growDone(1, true) }
            // w is destroyed here with tasks parked in cache_grow and at irqs-on points.
        }
    }
}
