import CrossChecking
import SlabModel
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
}
