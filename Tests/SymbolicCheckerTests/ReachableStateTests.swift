import CrossChecking
import SlabChecker
import SlabModel
import SymbolicChecker
import Testing
import Z3Kit

/// The symbolic relation reaches the same states as the concrete model, not only the same
/// violations: Z3 enumerates the states within d steps by blocking each solution, and their
/// canonical forms (no symmetry) are counted against breadth-first search's, for every d up to
/// the 8.
@Suite struct ReachableStateTests {
    @Test func zThreeCountsTheStatesBFSCountsWithinDSteps() throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .seed)
        let counts = try CrossCheck.symbolicStateCounts(TransitionSystem(model: model, context: Context()), within: 8)
        #expect(counts.count == 9)
        for (depth, count) in counts.enumerated() {
            #expect(count == (try CrossCheck.bfsStateCount(model, within: depth)), "within \(depth) steps")
            #expect(count > depth)
        }
    }
}
