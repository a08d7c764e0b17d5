import Foundation
import SlabModel
import SlabProperty
import SlabSpec
import TestSupport
import Testing
import Z3Kit

@testable import SlabChecker
@testable import SymbolicChecker

/// A user's state property is negated with fresh witnesses (`Evaluation.fails`): what the solver
/// is asked for a failure must be satisfiable exactly where the property fails.
@Suite struct WitnessNegationTests {
    /// Quantifiers the failure goes through each way, nested, under `not`, `or` and `implies`,
    /// and divisions that only `holds` may read.
    static let formulas = [
        "forall o in objects: held[o] <= 1",
        "forall c in cpus: forall d in cpus: ac[c].avail + ac[d].avail <= 1",
        "forall s in slabs: s in slabsPartial implies s.inuse > 1 and s.inuse < num",
        "not (exists o in objects: held[o] > 0 and o in ac[0])",
        "exists c in cpus: ac[c].avail == 0",
        "(forall o in objects: held[o] <= 1) or freeObjects > 2",
        "forall o in objects: held[o] > 0 implies (forall c in cpus: not (o in ac[c]))",
        "exists c in cpus: forall s in slabs: s.inuse <= ac[c].avail",
        "forall c in cpus: freeObjects / (ac[c].avail - 1) >= 0",
        "freeObjects < 1 or (forall c in cpus: 2 / ac[c].avail >= 1)",
    ]

    static func property(_ text: String) throws -> Property {
        let spec = try Spec.parse(
            try String(contentsOfFile: spec("small"), encoding: .utf8) + "\nproperty: p = \(text)\n", path: "w.spec")
        return try #require(spec.userProperties.first { $0.property.name == "p" }).property
    }

    /// Reachable states of small, and each with one object held once more.
    static let states = sampledStatesAndOneMoreHeld(
        SlabModel(configuration: Configuration.small, variant: .seed), runs: 4, length: 12, seed: 7)

    @Test(arguments: formulas)
    func aWitnessIsFoundExactlyWhereTheConcreteStateFails(formula: String) throws {
        let model = SlabModel(configuration: Configuration.small, variant: .seed)
        let system = try TransitionSystem(model: model, context: Context())
        let property = try Self.property(formula)
        guard case .state(let f) = property.kind else { throw CocoaError(.featureUnsupported) }
        let symbolic = try SymbolicProperty(property, in: system, budget: EvaluationBudget(seconds: nil))
        var failing = 0
        for s in Self.states {
            let fails = Evaluation(layout: model.layout, state: s).holds(f).negated
            let solver = try Solver(system.context)
            try solver.assert(
                try #require(try symbolic.broken?(SlabState(cells: s.cells.map { SymbolicValue(constant: $0) }))))
            #expect(try solver.check() == (fails ? .sat : .unsat), "\(s.cells)")
            if fails { failing += 1 }
        }
        #expect(failing > 0, "no sampled state fails it: the test shows half")
        #expect(failing < Self.states.count, "every sampled state fails it: the test shows half")
    }

    /// Over every state of tiny at once (its cells free): no witness makes a failure of a state
    /// that satisfies the property.
    @Test(arguments: formulas)
    func noWitnessFailsAStateThatSatisfiesTheProperty(formula: String) throws {
        let model = SlabModel(configuration: Configuration.tiny, variant: .seed)
        let system = try TransitionSystem(model: model, context: Context())
        let symbolic = try SymbolicProperty(
            try Self.property(formula), in: system, budget: EvaluationBudget(seconds: nil))
        let state = system.plainState
        let solver = try Solver(system.context)
        try solver.assert(try #require(try symbolic.holds?(state)))
        try solver.assert(try #require(try symbolic.broken?(state)))
        #expect(try solver.check() == .unsat)
    }
}

/// k-induction on the circuit asks for a user property's failure with witnesses, and its
/// verdicts are those it gives with the negation unrolled.
@Suite struct WitnessNegationEngineTests {
    /// Every conjunct but the user's: the property is asked alone.
    static let others = Set(
        ["ranges", Induction.band] + AuxiliaryInvariant.allCases.map(\.rawValue)
            + SlabProperties.stateProperties.map(\.rawValue))

    /// Throws unless the run breaks `formula` on the concrete model.
    func confirm(_ model: SlabModel, _ actions: [SlabAction], _ formula: Formula) throws(SymbolicError) {
        var state = SlabState<Int>.initial(model.layout)
        for a in actions {
            guard let next = model.step(a, from: state) else { throw .internalError("\(a) is not enabled") }
            state = next.state
        }
        if Evaluation(layout: model.layout, state: state).holds(formula) {
            throw .internalError("the property holds after \(actions)")
        }
    }

    /// The slab-list property alone, on `slab-stays-partial`: the base case breaks it in the
    /// explicit engine's 2 steps, with the witness as with the negation unrolled. (Alone, the
    /// step case starts from states outside the cell ranges, whose counterexamples to induction
    /// the concrete model cannot replay, so it is not asked to the end here.)
    @Test func kInductionFindsTheSameViolationWithAWitnessAsWithout() throws {
        let model = SlabModel(configuration: .tiny, variant: .slabStaysPartial)
        let property = try WitnessNegationTests.property(
            "forall s in slabs: s in slabsPartial implies s.inuse > 0 and s.inuse < num")
        guard case .state(let f) = property.kind else { throw CocoaError(.featureUnsupported) }
        var verdicts: [String] = []
        for witnesses in [true, false] {
            let system = try TransitionSystem(model: model, context: Context())
            var symbolic = try SymbolicProperty(property, in: system, budget: EvaluationBudget(seconds: nil))
            if !witnesses { symbolic.broken = nil }
            let induction = KInduction(system: system, circuit: try Circuit(system: system))
            let conjunct = try induction.strengthening(for: [symbolic], excluding: []).first { $0.name == "p" }
            #expect((conjunct?.broken != nil) == witnesses, "the witness form is what k-induction asks")
            let result = try induction.run([symbolic], maxK: 3, excluding: Self.others) {
                (actions, _) throws(SymbolicError) in try confirm(model, actions, f)
            }
            verdicts.append(result.verdicts["p"].map(String.init(describing:)) ?? "none")
        }
        #expect(verdicts == ["violated in 2 steps", "violated in 2 steps"])
    }
}
