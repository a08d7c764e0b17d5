import SlabModel
import SymbolicChecker
import Testing
import Z3Kit

/// k-induction proves the seed's properties, and the same check refuses to prove a mutant's.
@Suite struct InductionTests {
    @Test func inductionProvesEverySeedPropertyOnTiny() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
        let result = try Induction(system: system).run(properties: BuiltInProperty.allCases, maxK: 2)
        for p in BuiltInProperty.allCases {
            guard case .holds(let proof) = result.verdicts[p] else {
                Issue.record("\(p.rawValue): \(String(describing: result.verdicts[p]))")
                continue
            }
            #expect(proof.contains("k-induction"))
            #expect(proof.contains("ranges"))
        }
        #expect(result.strengthening.contains("ranges"))
        #expect(result.strengthening.contains(AuxiliaryInvariant.listsHoldSlabs.rawValue))
        #expect(result.counterexampleToInduction == nil)
        // The step case cleared every conjunct, each once, the properties' among them.
        let checked = result.stepChecks.map(\.conjunct)
        #expect(Set(checked).count == checked.count)
        #expect(Set(checked).isSuperset(of: result.strengthening))
        #expect(checked.contains(BuiltInProperty.conservation.rawValue))
        #expect(result.stepChecks.allSatisfy { $0.answer == .unsat && $0.parts >= 1 })
    }

    @Test func inductionDoesNotProveTheMutantsBrokenProperty() throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .noFreeDecrement)
        let system = try TransitionSystem(model: model, context: Context())
        let one = try Induction(system: system).run(properties: [.freeObjectsExact], maxK: 1)
        if case .holds = one.verdicts[.freeObjectsExact] { Issue.record("k = 1 proved a broken property") }
        let two = try Induction(system: system).run(properties: [.freeObjectsExact], maxK: 2)
        guard case .violated(let actions) = two.verdicts[.freeObjectsExact] else {
            Issue.record("\(String(describing: two.verdicts[.freeObjectsExact]))")
            return
        }
        #expect(actions.count == 1)
    }

    @Test func aFailedStepCaseComesWithACounterexampleTheConcreteModelSteps() throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .noFreeDecrement)
        let system = try TransitionSystem(model: model, context: Context())
        let result = try Induction(system: system).run(properties: [.freeObjectsExact], maxK: 1)
        let cti = try #require(result.counterexampleToInduction)
        #expect(cti.states.count == 2)
        #expect(cti.actions.count == 1)
        #expect(cti.failing.contains(BuiltInProperty.freeObjectsExact.rawValue))
        let first = try #require(cti.states.first)
        let broken = try #require(cti.states.last)
        #expect(!model.violations(in: first).contains(BuiltInProperty.freeObjectsExact.set))
        #expect(model.violations(in: broken).contains(BuiltInProperty.freeObjectsExact.set))
        #expect(model.step(cti.actions[0], from: first)?.state.cells == broken.cells)
        // The step case stops at the first conjunct it breaks: nothing after it was asked.
        let last = try #require(result.stepChecks.last)
        #expect(last.answer == .sat)
        #expect(last.cleared < last.parts)
        #expect(cti.failing.contains(last.conjunct))
        #expect(result.stepChecks.dropLast().allSatisfy { $0.answer == .unsat })
    }
}
