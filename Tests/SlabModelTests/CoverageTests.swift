import ExplicitChecker
import ModelKit
import SlabModel
import Testing

@Suite struct CoverageTests {
    @Test func aStepReportsTheBranchesItTookAndNoOthers() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        let (asleep, alloc) = try run([.alloc(task: 0)], on: model)
        #expect(Branch.taken(in: try #require(alloc).coverage) == [.mustGrow])
        let grown = try #require(model.step(.growDone(task: 0, ok: true), from: asleep))
        #expect(Branch.taken(in: grown.coverage) == [.freeSlab, .retryAfterGrow])
        let failed = try #require(model.step(.growDone(task: 0, ok: false), from: asleep))
        #expect(Branch.taken(in: failed.coverage) == [.nullReturn])
    }

    @Test func coverageIsNotStateSoTheStateSpaceIsUnchanged() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        let (asleep, _) = try run([.alloc(task: 0)], on: model)
        let viaStep = try #require(model.step(.growDone(task: 0, ok: true), from: asleep))
        let viaSuccessor = model.successor(of: asleep, via: .growDone(task: 0, ok: true))
        #expect(viaSuccessor.state.cells == viaStep.state.cells)
        #expect(viaSuccessor.coverage == viaStep.coverage)
    }

    func coverage(_ config: Configuration, threads: Int) throws -> Coverage {
        let model = SlabModel(configuration: config, variant: .seed)
        let options = ExplicitOptions(properties: .all(count: BuiltInProperty.allCases.count), threads: threads)
        let result = try ExplicitChecker(model: model, options: options).run()
        #expect(result.completion == .exhausted)
        return result.coverage
    }

    /// Each worker counts its own transitions and the engine merges them: an exhausted search
    /// explores the same transitions however many workers share it.
    @Test func branchCountsAreTheSameOnOneWorkerAsOnTwo() throws {
        let one = try coverage(tiny, threads: 1)
        let two = try coverage(tiny, threads: 2)
        #expect(one == two)
        #expect(one.names == Branch.allCases.map(\.rawValue))
    }

    /// tiny has no shared array and no tuning: those branches are out of reach, the refill's own
    /// are all reached.
    @Test func tinyReachesTheRefillButNeitherTheSharedArrayNorTune() throws {
        let reached = try coverage(tiny, threads: 2)
        for branch in [Branch.sharedHit, .flushShared, .tune] {
            #expect(reached.count(branch.rawValue) == 0, "\(branch)")
        }
        for branch in [Branch.partialSlab, .freeSlab, .mustGrow, .nullReturn, .retryAfterGrow, .refilledByInterrupt] {
            #expect((reached.count(branch.rawValue) ?? 0) > 0, "\(branch)")
        }
    }
}
