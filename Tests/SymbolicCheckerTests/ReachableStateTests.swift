import ExplicitChecker
import ModelKit
import SlabModel
import SymbolicChecker
import Testing
import Z3Kit

/// The symbolic relation reaches the same states as the concrete model, not only the same
/// violations: Z3 enumerates the states within d steps by blocking each solution, and their
/// canonical forms (no symmetry) are counted against breadth-first search's.
@Suite struct ReachableStateTests {
    @Test(arguments: 0...3)
    func zThreeCountsTheStatesBFSCountsWithinDSteps(depth: Int) throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .seed)
        let system = try TransitionSystem(model: model, context: Context())
        let states = try ReachableStates.enumerate(system, within: depth)
        var canonical: Set<[UInt64]> = []
        for state in states {
            var words = [UInt64](repeating: 0, count: model.wordCount)
            words.withUnsafeMutableBufferPointer { model.encode(state, symmetric: false, into: $0) }
            canonical.insert(words)
        }
        let options = ExplicitOptions(properties: .all(count: BuiltInProperty.allCases.count), maxDepth: depth, threads: 1, symmetry: false)
        let bfs = try ExplicitChecker(model: model, options: options).run()
        #expect(canonical.count == bfs.statistics.distinctStates)
        #expect(canonical.count > depth)
    }
}
