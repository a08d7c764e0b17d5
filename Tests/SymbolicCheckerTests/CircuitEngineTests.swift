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
}
