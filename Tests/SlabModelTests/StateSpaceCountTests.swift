import ExplicitChecker
import ModelKit
import SlabModel
import Testing

/// The state space as the model's definition counts it, with nothing renamed: an independent
/// explorer written from that definition (and a SPIN model of it) counts the same. These pin the
/// canonical state (don't-cares only), the enabling rules (an interrupt's grow may fail too) and
/// depth (the initial state at 0, the deepest state's steps reported).
@Suite struct StateSpaceCountTests {
    @Test func tinyHas1364StatesAnd8054TransitionsWithDepth14() throws {
        let result = try explore(tiny, .seed, symmetry: .none)
        #expect(result.completion == .exhausted)
        #expect(result.statistics.distinctStates == 1_364)
        #expect(result.statistics.transitions == 8_054)
        #expect(result.statistics.depth == 14)
    }

    /// A depth bound of k stores states up to k steps deep and reports k.
    @Test func aDepthBoundReportsTheDeepestStateItStored() throws {
        let result = try explore(tiny, .seed, symmetry: .none, maxDepth: 3)
        #expect(result.statistics.depth == 3)
    }

    /// The initial state alone is depth 0.
    @Test func aSearchThatStopsAtTheInitialStateReportsDepth0() throws {
        let result = try explore(tiny, .seed, symmetry: .none, maxDepth: 0)
        #expect(result.statistics.depth == 0)
        #expect(result.statistics.distinctStates == 1)
    }
}
