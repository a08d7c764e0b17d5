import CrossChecking
import SlabModel
import TestSupport
import Testing
import Z3Kit

@testable import SymbolicChecker

/// BMC and k-induction on the merged circuit give the verdicts the explicit engine gives.
@Suite struct CircuitEngineTests {
    /// BMC on the circuit finds each property's shortest violation at breadth-first search's depth,
    /// and no violation where BFS finds none, for the seed and every mutant on tiny.
    @Test(arguments: Variant.allCases)
    func circuitBMCFindsTheShortestViolationsBFSFinds(variant: Variant) throws {
        let model = SlabModel(configuration: Configs.tiny, variant: variant)
        let bfs = try CrossCheck.bfsDepths(model, depth: 2)
        let bmc = try CrossCheck.circuitBMCDepths(TransitionSystem(model: model, context: Context()), depth: 2)
        #expect(CrossCheck.describe(bmc) == CrossCheck.describe(bfs))
    }

    /// The bench's measure of the circuit: Z3's counters of one bit-blasted step. Counters Z3
    /// renamed would read as zero, and this test would say so.
    @Test func oneStepOfTheCircuitBitBlastsToMoreClausesThanVariables() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
        let circuit = try Circuit(system: system)
        let size = try #require(try circuit.bitBlastedSize(system: system, deadline: .none))
        #expect(size.variables > system.model.layout.cellCount * system.width.bits)
        #expect(size.clauses > size.variables)
        #expect(!circuit.actionTerms.isEmpty && circuit.actionTerms.count <= system.actions.count)
        #expect(zip(circuit.actionTerms, circuit.actionTerms.dropFirst()).allSatisfy { $0.terms >= $1.terms })
    }

    /// The engines negate `conservation` with one fresh witness object: on reachable states, and
    /// on each of them with one object held once more (which breaks it where that object's slab
    /// is live), Z3 finds a witness exactly where the concrete property fails.
    @Test func theWitnessNegationOfConservationIsSatisfiableExactlyWhereItFails() throws {
        let model = SlabModel(configuration: Configs.small, variant: .seed)
        let system = try TransitionSystem(model: model, context: Context())
        let conservation = try system.symbolic(.conservation)
        let states = sampledStatesAndOneMoreHeld(model, runs: 6, length: 15, seed: 51)
        var broken = 0
        for s in states {
            let symbolic = SlabState(cells: s.cells.map { SymbolicValue(constant: $0) })
            let solver = try Solver(system.context)
            try solver.assert(try #require(try conservation.broken?(symbolic)))
            let fails = !model.properties.conservation(s)
            #expect(try solver.check() == (fails ? .sat : .unsat))
            if fails { broken += 1 }
        }
        #expect(broken > 0, "no state breaks conservation: the test shows nothing")
        #expect(broken < states.count, "every state breaks conservation: the test shows half")
    }
}
