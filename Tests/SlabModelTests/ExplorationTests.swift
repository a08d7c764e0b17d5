import ExplicitChecker
import ModelKit
import SlabModel
import Testing

@Suite struct ExplorationTests {

    @Test(arguments: [("tiny", tiny), ("small", small)])
    func theSeedHoldsEveryPropertyInEveryReachableState(name: String, config: Configuration) throws {
        let result = try explore(config, .seed)
        #expect(result.completion == .exhausted, "\(name)")
        #expect(
            result.counterexamples.isEmpty,
            "\(name): \(result.counterexamples.keys.map { BuiltInProperty.allCases[$0] })")
        #expect(result.statistics.distinctStates > 100)
    }

    @Test func everyCounterexampleReplaysOnTheModelAndBreaksItsPropertyOnlyAtItsLastStep() throws {
        let model = SlabModel(configuration: tiny, variant: .growFailIrqsOn)
        let result = try explore(tiny, .growFailIrqsOn)
        #expect(!result.counterexamples.isEmpty)
        for (property, trace) in result.counterexamples {
            var state = SlabState.initial(model.layout)
            for (i, step) in trace.steps.enumerated() {
                let outcome = try #require(model.step(step.action, from: state))
                state = outcome.state
                let broken = outcome.violations.union(model.violations(in: state)).contains(
                    PropertySet(index: property))
                #expect(
                    broken == (i == trace.steps.count - 1), "\(BuiltInProperty.allCases[property]) at step \(i + 1)")
            }
        }
    }

    @Test func aStateBudgetEndsTheSearchBoundedWithItsFigures() throws {
        let model = SlabModel(configuration: small, variant: .seed)
        let options = ExplicitOptions(properties: BuiltInProperty.conservation.set, maxStates: 1000)
        let result = try ExplicitChecker(model: model, options: options).run()
        #expect(result.completion == .bounded(.states(1000)))
        #expect(result.statistics.distinctStates >= 1000 && result.statistics.depth > 0)
    }

    @Test func aBudgetEndsASearchWhoseLevelsAreSmallAndEndless() throws {
        let model = SlabModel(configuration: tiny, variant: .noFreeDecrement)
        let options = ExplicitOptions(properties: BuiltInProperty.conservation.set, maxStates: 2000)
        let result = try ExplicitChecker(model: model, options: options).run()
        #expect(result.completion == .bounded(.states(2000)))
    }

    @Test func aMemoryLimitEndsTheSearchBoundedNotKilled() throws {
        let model = SlabModel(configuration: .medium, variant: .seed)
        let options = ExplicitOptions(properties: BuiltInProperty.conservation.set, memoryBytes: 9 << 19)
        let result = try ExplicitChecker(model: model, options: options).run()
        #expect(result.completion == .bounded(.memory(bytes: 9 << 19)))
    }

    @Test func packingRoundTripsEveryReachableStateToItsNormalForm() throws {
        let model = SlabModel(configuration: tiny, variant: .seed)
        var frontier = [SlabState<Int>.initial(model.layout)]
        var seen = Set<[Int]>()
        var successors: [(action: SlabAction, successor: Successor<SlabState<Int>>)] = []
        while let state = frontier.popLast() {
            let normal = model.normalized(state)
            guard seen.insert(normal.cells).inserted else { continue }
            var words = [UInt64](repeating: 0, count: model.wordCount)
            words.withUnsafeMutableBufferPointer { model.encode(state, symmetry: .none, into: $0) }
            #expect(words.withUnsafeBufferPointer(model.decode) == normal)
            #expect(Snapshot(normal, layout: model.layout) == Snapshot(state, layout: model.layout))
            successors.removeAll()
            model.successors(of: state, into: &successors)
            frontier += successors.map(\.successor.state)
        }
        #expect(seen.count > 100)
    }
}
