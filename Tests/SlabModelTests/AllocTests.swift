import SlabModel
import Testing

@Suite struct AllocTests {
    @Test func firstAllocSleepsInGrowThenHandsOutObjectZeroOfSlotZero() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        let asleep = try run([.alloc(task: 0)], on: model).state
        #expect(Snapshot(asleep, layout: model.layout).tasks[0].status == "sleepingInGrow")
        #expect(model.step(.alloc(task: 0), from: asleep) == nil, "a sleeping task cannot allocate again")

        let (state, last) = try run([.growDone(task: 0, ok: true)], on: model, from: asleep)
        let s = Snapshot(state, layout: model.layout)
        #expect(last?.returned == .some(0))
        #expect(s.held == [0])
        #expect(s.slabsPartial == [0] && s.slabsFree.isEmpty && s.slabsFull.isEmpty)
        #expect(s.slabs.map(\.freeList) == [[1]])
        #expect(s.freeObjects == 1)
        #expect(s.ac[0].touched == 1 && s.ac[0].avail == 0)
        #expect(s.tasks[0].status == "idle")
        #expect(model.violations(in: state).isEmpty)
    }

    @Test func interruptAllocGrowsWithoutSleeping() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        let (state, last) = try run([.irqAlloc(cpu: 0, growFails: false)], on: model)
        #expect(last?.returned == .some(0))
        #expect(Snapshot(state, layout: model.layout).slabsPartial == [0])
    }

    /// With `growMayFail`, an interrupt's `cache_grow` fails under memory pressure like a task's
    /// (`growDone(t, false)`): both outcomes are successors where a page is free.
    @Test func interruptAllocsGrowMayFailWhileAPageIsFree() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        let (state, last) = try run([.irqAlloc(cpu: 0, growFails: true)], on: model)
        #expect(last?.returned == .some(nil))
        #expect(Snapshot(state, layout: model.layout).slabs.isEmpty)
        #expect(model.violations(in: state).isEmpty)
    }

    /// Pressure on a grow the step never reaches changes nothing, so it is no other step; and
    /// without `growMayFail` there is no pressure at all.
    @Test func anInterruptsGrowFailsOnlyWhereItIsReachedAndMayFail() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        let stocked = try run([.irqAlloc(cpu: 0, growFails: false), .irqFree(cpu: 0, object: 0)], on: model).state
        #expect(model.step(.irqAlloc(cpu: 0, growFails: true), from: stocked) == nil)
        var firm = tiny
        firm.growMayFail = false
        let firmModel = SlabModel(configuration: firm, variant: .seed)
        #expect(firmModel.step(.irqAlloc(cpu: 0, growFails: true), from: .initial(firmModel.layout)) == nil)
    }

    @Test func allocReturnsNullWhenEveryPageIsLiveAndTheGrowFails() throws {
        var config = tiny
        config.pages = 1
        config.num = 1
        let model = SlabModel(configuration: config, variant: .seed)
        let held = try run([.irqAlloc(cpu: 0, growFails: false), .alloc(task: 0)], on: model).state
        #expect(model.step(.growDone(task: 0, ok: true), from: held) == nil, "no dead slot: the grow must fail")
        let (_, last) = try run([.growDone(task: 0, ok: false)], on: model, from: held)
        #expect(last?.returned == .some(nil))
    }

    @Test func refillFromTheSharedArrayTakesItsTopEntries() throws {
        let model = SlabModel(configuration: small, variant: .seed)
        var b = StateBuilder(model)
        b.slab(0, freeList: [], on: .full)
        b.array(model.layout.shared, [0, 1])
        let (state, last) = try run([.alloc(task: 0)], on: model, from: b.state)
        let s = Snapshot(state, layout: model.layout)
        #expect(last?.returned == .some(1))
        #expect(s.shared.entries == [0])
        #expect(s.shared.touched == 1)
    }

    @Test func sharedWrongEndTakesTheBottomEntriesAndDuplicatesThem() throws {
        let model = SlabModel(configuration: small, variant: .sharedWrongEnd)
        var b = StateBuilder(model)
        b.slab(0, freeList: [], on: .full)
        b.array(model.layout.shared, [0, 1])
        let (state, last) = try run([.alloc(task: 0)], on: model, from: b.state)
        #expect(last?.returned == .some(0))
        #expect(Snapshot(state, layout: model.layout).shared.entries == [0])
        #expect(!model.properties.conservation(state))
    }

    @Test func partialRefillTakesOnlyBatchRefillLimitFromAnUntouchedArray() throws {
        let config = Configuration(
            cpus: 1, num: 4, limit: 4, batchcount: 3, sharedLimit: 0, batchRefillLimit: 1, freeLimit: 20, pages: 1,
            growMayFail: false, migration: false)
        let model = SlabModel(configuration: config, variant: .seed)
        var b = StateBuilder(model)
        b.slab(0, freeList: [0, 1, 2, 3], on: .free)
        b.set(model.layout.freeObjects, 4)
        let first = try run([.alloc(task: 0)], on: model, from: b.state).state
        #expect(Snapshot(first, layout: model.layout).slabs[0].inuse == 1, "untouched: only BATCHREFILL_LIMIT")
        let second = try run([.alloc(task: 0)], on: model, from: first).state
        #expect(Snapshot(second, layout: model.layout).slabs[0].inuse == 4, "touched: the full batchcount of 3")
    }

    @Test func migratedTaskRefillsItsNewCpusArray() throws {
        let model = SlabModel(configuration: small, variant: .seed)
        let state = try run(
            [.alloc(task: 0), .migrate(task: 0, cpu: 1), .growDone(task: 0, ok: true)], on: model
        ).state
        let s = Snapshot(state, layout: model.layout)
        #expect(s.tasks[0].cpu == 1)
        #expect(s.ac[1].touched == 1 && s.ac[0].touched == 0)
        #expect(model.violations(in: state).isEmpty)
    }

    @Test func staleAcTouchesTheOldCpusArrayAfterMigration() throws {
        let model = SlabModel(configuration: small, variant: .staleAc)
        let (_, last) = try run([.alloc(task: 0), .migrate(task: 0, cpu: 1), .growDone(task: 0, ok: true)], on: model)
        #expect(last?.violations.contains(BuiltInProperty.acCurrent.set) == true)
    }

    @Test func retryIgnoringTheInterruptsRefillHitsBugOn() throws {
        let model = SlabModel(configuration: tiny, variant: .retryIgnoresIrq)
        let (state, _) = try run(
            [
                .alloc(task: 0), .irqAlloc(cpu: 0, growFails: false), .irqFree(cpu: 0, object: 0),
                .growDone(task: 0, ok: true),
            ], on: model)
        #expect(Snapshot(state, layout: model.layout).crash == Crash.refillBugOn.site)
        #expect(model.violations(in: state).contains(BuiltInProperty.noBug.set))
        #expect(model.isTerminal(state))
    }
}
