import SlabModel
import Testing

@Suite struct ReapTuneTests {
    @Test func reapSkipsATouchedArrayAndOnlyClearsTouched() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        let touched = try run([.irqAlloc(cpu: 0, growFails: false), .irqFree(cpu: 0, object: 0)], on: model).state
        #expect(Snapshot(touched, layout: model.layout).ac[0].touched == 1)
        let once = try run([.reap(cpu: 0, full: false)], on: model, from: touched).state
        let s1 = Snapshot(once, layout: model.layout)
        #expect(s1.ac[0].touched == 0 && s1.ac[0].entries == [0])
        let twice = try run([.reap(cpu: 0, full: false)], on: model, from: once).state
        let s2 = Snapshot(twice, layout: model.layout)
        #expect(s2.ac[0].avail == 0, "an untouched array gives back (limit + 4) / 5 = 1 entry")
        #expect(s2.slabsFree == [0])
    }

    @Test func fullReapDestroysAFreeSlabUnlessFreeTouched() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        var b = StateBuilder(model)
        b.slab(0, freeList: [0, 1], on: .free)
        b.set(model.layout.freeObjects, 2)
        b.set(model.layout.freeTouched, 1)
        let spared = try run([.reap(cpu: 0, full: true)], on: model, from: b.state).state
        let s1 = Snapshot(spared, layout: model.layout)
        #expect(s1.slabsFree == [0] && s1.freeTouched == 0)
        let reaped = try run([.reap(cpu: 0, full: true)], on: model, from: spared).state
        let s2 = Snapshot(reaped, layout: model.layout)
        #expect(s2.slabs.isEmpty && s2.slabsFree.isEmpty && s2.freeObjects == 0)
        #expect(model.violations(in: reaped).isEmpty)
    }

    @Test func tuneEmptiesTheOldArraysThroughFreeBlockAndInstallsNewOnes() throws {
        var config = tiny
        config.tuning = [Configuration.Tuning(limit: 3, batchcount: 2, sharedFactor: 1)]
        let model = SlabModel(configuration: config, variant: .seed)
        let state = try run([.irqAlloc(cpu: 0, growFails: false), .irqFree(cpu: 0, object: 0), .tune(0)], on: model)
            .state
        let s = Snapshot(state, layout: model.layout)
        #expect(s.ac[0].avail == 0 && s.ac[0].limit == 3 && s.ac[0].batchcount == 2)
        #expect(s.shared.limit == 2 && s.shared.avail == 0)
        #expect(s.freeLimit == (1 + 1) * 2 + 2)
        #expect(s.slabsFree == [0] && s.slabs[0].inuse == 0)
        #expect(model.violations(in: state).isEmpty)
    }

    @Test func staleAcTouchingAnArrayTuneFreedEndsTheRun() throws {
        var config = tiny
        config.tuning = [Configuration.Tuning(limit: 2, batchcount: 1, sharedFactor: 0)]
        let model = SlabModel(configuration: config, variant: .staleAc)
        let (state, last) = try run([.alloc(task: 0), .tune(0), .growDone(task: 0, ok: true)], on: model)
        #expect(last?.violations.contains(BuiltInProperty.acCurrent.set) == true)
        #expect(Snapshot(state, layout: model.layout).crash == Crash.useAfterFree.site)
    }
}
