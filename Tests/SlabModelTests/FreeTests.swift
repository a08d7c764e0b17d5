import SlabModel
import Testing

@Suite struct FreeTests {
    /// One CPU, slabs of four, a one-entry shared array: room to fill both arrays by hand.
    let config = Configuration(
        cpus: 1, num: 4, limit: 2, batchcount: 1, sharedLimit: 1, batchRefillLimit: 16, freeLimit: 100, pages: 2,
        growMayFail: false, migration: false)

    @Test func flushIntoAFullSharedArrayGoesThroughFreeBlock() throws {
        let model = SlabModel(configuration: config, variant: .seed)
        var b = StateBuilder(model)
        b.slab(0, freeList: [], on: .full)
        b.array(model.layout.ac(0), [0, 1])
        b.array(model.layout.shared, [2])
        b.held([3])
        let state = try run([.free(task: 0, object: 3)], on: model, from: b.state).state
        let s = Snapshot(state, layout: model.layout)
        #expect(s.ac[0].entries == [1, 3])
        #expect(s.shared.entries == [2])
        #expect(s.slabsPartial == [0] && s.slabs[0].inuse == 3 && s.slabs[0].freeList == [0])
        #expect(s.freeObjects == 1)
    }

    @Test func flushIntoASharedArrayWithRoomCopiesTheOldestEntries() throws {
        let model = SlabModel(configuration: config, variant: .seed)
        var b = StateBuilder(model)
        b.slab(0, freeList: [], on: .full)
        b.array(model.layout.ac(0), [0, 1])
        b.held([3])
        let state = try run([.free(task: 0, object: 3)], on: model, from: b.state).state
        let s = Snapshot(state, layout: model.layout)
        #expect(s.shared.entries == [0])
        #expect(s.ac[0].entries == [1, 3])
        #expect(s.slabs[0].inuse == 4)
    }

    /// Frees object 2 into a full one-entry array whose entry is object 0, the last object out
    /// of slot 0: the flush sends it through `free_block`, and slot 0 empties.
    func freeEmptyingSlotZero(freeLimit: Int) throws -> (SlabModel, Snapshot) {
        var config = self.config
        config.num = 2
        config.limit = 1
        config.sharedLimit = 0
        config.freeLimit = freeLimit
        let model = SlabModel(configuration: config, variant: .seed)
        var b = StateBuilder(model)
        b.slab(0, freeList: [1], on: .partial)
        b.slab(1, freeList: [1], on: .partial)
        b.array(model.layout.ac(0), [0])
        b.held([2])
        b.set(model.layout.freeObjects, 2)
        let state = try run([.free(task: 0, object: 2)], on: model, from: b.state).state
        #expect(model.violations(in: state).isEmpty)
        return (model, Snapshot(state, layout: model.layout))
    }

    @Test func freeBlockDestroysAnEmptySlabOnceFreeObjectsExceedsFreeLimit() throws {
        let (_, s) = try freeEmptyingSlotZero(freeLimit: 0)
        #expect(s.slabs.map(\.slot) == [1], "slot 0 was destroyed")
        #expect(s.slabsPartial == [1] && s.slabsFree.isEmpty)
        #expect(s.freeObjects == 1)
        #expect(s.ac[0].entries == [2])
    }

    @Test func freeBlockKeepsAnEmptySlabOnTheFreeListAtOrBelowFreeLimit() throws {
        let (_, s) = try freeEmptyingSlotZero(freeLimit: 3)
        #expect(s.slabsFree == [0] && s.slabsPartial == [1])
        #expect(s.slabs[0].freeList == [0, 1])
        #expect(s.freeObjects == 3)
    }

    @Test func freeingAnObjectNobodyHoldsIsNotAStep() {
        let model = SlabModel(configuration: tiny, variant: .seed)
        #expect(model.step(.free(task: 0, object: 0), from: .initial(model.layout)) == nil)
        #expect(model.step(.irqFree(cpu: 0, object: 0), from: .initial(model.layout)) == nil)
        #expect(model.step(.free(task: 0, object: 99), from: .initial(model.layout)) == nil)
    }

    /// Actions come from trace files too, with any numbers in them.
    @Test(arguments: [
        SlabAction.alloc(task: -1), .alloc(task: 7), .growDone(task: -1, ok: true), .free(task: -1, object: 0),
        .irqAlloc(cpu: -1, growFails: false), .irqAlloc(cpu: 5, growFails: false), .irqFree(cpu: -1, object: 0),
        .migrate(task: -1, cpu: 0),
        .migrate(task: 0, cpu: -1), .reap(cpu: -1, full: true), .tune(-1), .resume(task: -1),
    ])
    func anActionNamingNoTaskOrCpuIsNotAStep(action: SlabAction) throws {
        let model = SlabModel(configuration: small, variant: .seed)
        let held = try run([.irqAlloc(cpu: 0, growFails: false)], on: model).state
        #expect(model.step(action, from: held) == nil)
    }
}
