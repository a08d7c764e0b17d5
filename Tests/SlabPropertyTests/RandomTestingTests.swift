import Replay
import SlabChecker
import SlabModel
import SlabProperty
import SlabTesting
import Testing

@Suite struct RandomTestingTests {
    @Test func randomRunsOnTheSeedPassWithTheUsersPropertiesJudged() throws {
        let report = try expectRandomRunsPass(
            [heldNotCached, sharedNotHeld, partialIsPartial, sharedRefillKeepsFreeCount, freeObjectsWithinSlabs],
            on: .tinyShared, runs: 20, steps: 40)
        #expect(report.found == nil && report.steps > 100)
    }

    /// On a mutant, the failure random testing finds shrinks to at most twice the length of the
    /// shortest counterexample breadth-first search finds for the same property.
    @Test(arguments: [
        (Variant.slabStaysPartial, Configuration.tiny), (.growFailIrqsOn, .tiny), (.sharedCountsFree, .small),
    ])
    func aShrunkFailureIsAtMostTwiceTheShortest(variant: Variant, configuration: Configuration) throws {
        let model = PropertyModel(SlabModel(configuration: configuration, variant: variant))
        let report = try RandomTesting(model: model, runs: 100, steps: 40, seed: 0x51AB_C4EC_2026).run()
        let found = try #require(report.found)
        guard case .property(let names) = found.failure, let name = names.first,
            let property = BuiltInProperty(rawValue: name)
        else {
            Issue.record("expected a broken property, got \(found.failure)")
            return
        }
        let bfs = try PropertyRun.check(
            [], builtIns: [property], configuration: configuration, variant: variant, engine: .explicit,
            maxStates: 2_000_000)
        guard case .violated(let shortest) = try #require(bfs.properties.first).verdict else {
            Issue.record("BFS found no counterexample for \(name)")
            return
        }
        #expect(found.shrunk.count <= 2 * shortest, "\(found.shrunk) against \(shortest)")
        #expect(found.shrunk.count <= found.original.count)
        let replayed = try RandomTesting(model: model, runs: 1, steps: 40, seed: 0).firstFailure(of: found.shrunk)
        #expect(replayed?.failure == found.failure)
    }

    @Test func aFailingRandomRunIsReportedAtTheCallersLine() throws {
        let line = #line + 2
        try withKnownIssue {
            try expectRandomRunsPass([partialIsPartial], on: .tiny, variant: .slabStaysPartial, runs: 10, steps: 20)
        } matching: { issue in
            issue.sourceLocation?.line == line && "\(issue)".contains("seed")
        }
    }

    @Test func shrinkingDropsStepsThatAreNoLongerEnabled() throws {
        let model = PropertyModel(SlabModel(configuration: .tiny, variant: .slabStaysPartial))
        let testing = RandomTesting(model: model, runs: 1, steps: 10, seed: 1)
        // The frees are enabled only while their objects are held; the failure needs two allocations.
        let schedule: [SlabAction] = [
            .irqAlloc(cpu: 0, growFails: false), .irqFree(cpu: 0, object: 0), .irqAlloc(cpu: 0, growFails: false),
            .irqAlloc(cpu: 0, growFails: false),
        ]
        let failing = try #require(try testing.firstFailure(of: schedule))
        let shrunk = try testing.shrink(failing.actions, failing: failing.failure)
        #expect(shrunk.actions == [.irqAlloc(cpu: 0, growFails: false), .irqAlloc(cpu: 0, growFails: false)])
    }
}
