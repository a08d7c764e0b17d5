import CrossChecking
import SlabChecker
import SlabModel
import SymbolicChecker
import Testing
import Z3Kit

/// BMC against breadth-first search on the same model. The brief asks for every depth up to 8;
/// in a debug build depth 4 on tiny and small takes about a minute for the variants together
/// (retry-ignores-irq's and grow-fail-irqs-on's 4-step counterexamples included), so the suite
/// checks depth 4 (`slabcheck bench-symbolic --only cross-check` runs depth 8 in release).
/// Comparing shortest depths within the bound is the same as comparing "violated at depth d" for
/// every d up to it.
@Suite struct CrossCheckTests {
    static let depth = 4

    @Test(arguments: ["tiny", "small"], Variant.allCases)
    func bmcFindsTheSameShortestViolationsAsBFS(configuration: String, variant: Variant) throws {
        let model = SlabModel(configuration: configuration == "tiny" ? Configs.tiny : Configs.small, variant: variant)
        let bfs = try CrossCheck.bfsDepths(model, depth: Self.depth)
        let bmc = try CrossCheck.bmcDepths(TransitionSystem(model: model, context: Context()), depth: Self.depth)
        #expect(CrossCheck.describe(bmc) == CrossCheck.describe(bfs))
    }

    /// A relation not pruned with `conservation` (as BMC builds it where that formula is large)
    /// is exact for more states, so BMC's answers must not change.
    @Test(arguments: Variant.allCases)
    func bmcWithoutConservationInItsPruningFindsTheSameShortestViolationsAsBFS(variant: Variant) throws {
        let model = SlabModel(configuration: Configs.tiny, variant: variant)
        let bfs = try CrossCheck.bfsDepths(model, depth: Self.depth)
        let system = try TransitionSystem(model: model, context: Context())
        let bmc = try CrossCheck.bmcDepths(system, depth: Self.depth, conservationPruningLimit: 0)
        #expect(!system.assumed.isEmpty && !system.assumed.contains(.conservation))
        #expect(CrossCheck.describe(bmc) == CrossCheck.describe(bfs))
    }

    /// overrun-slab needs `batchcount > num` to take past a slab's end; its step ends the run, and
    /// the broken `inuse` of that ended state is what the property sees.
    @Test func bmcFindsOverrunSlabAtBFSsDepthOnOneObjectSlabs() throws {
        let model = SlabModel(configuration: Configs.overrun, variant: .overrunSlab)
        let bfs = try CrossCheck.bfsDepths(model, depth: 4)
        let bmc = try CrossCheck.bmcDepths(TransitionSystem(model: model, context: Context()), depth: 4)
        #expect(bfs[.inuseBounds] == 1)
        #expect(CrossCheck.describe(bmc) == CrossCheck.describe(bfs))
    }

    /// BMC builds each step for the states that satisfy every state property shown so far, asked
    /// for or not. slab-stays-partial breaks list-placement (not asked for) at depth 2, before
    /// refill-terminates at 3: the unrolling starts again without assuming list-placement, and
    /// still finds refill-terminates at BFS's depth.
    @Test func aPropertyBrokenOnTheWayIsNoLongerAssumedAndTheAskedOneIsStillFoundShortest() throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .slabStaysPartial)
        let bfs = try CrossCheck.bfsDepths(model, depth: 4)
        #expect(bfs[.listPlacement] == 2)
        #expect(bfs[.refillTerminates] == 3)
        let system = try TransitionSystem(model: model, context: Context())
        let result = try BoundedModelChecker(system: system).run(properties: [.refillTerminates], depth: 4)
        guard case .violated(let actions) = result.verdicts[.refillTerminates] else {
            Issue.record("\(String(describing: result.verdicts[.refillTerminates]))")
            return
        }
        #expect(actions.count == 3)
        #expect(!system.assumed.contains(.listPlacement))
        #expect(system.assumed.contains(.conservation))
    }

    /// A restart keeps what the unrolling before it showed. On tiny, assuming every state
    /// property, no action of steps 1 and 2 has more than 5 paths; without list-placement
    /// (broken at depth 2, so no longer assumed) some action of step 2 has 12. With a limit of 8
    /// the restart cannot build step 2, and refill-terminates is still bounded at depth 2, not 1.
    @Test func aRestartThatStopsShortStillBoundsAtTheDepthAlreadyCleared() throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .slabStaysPartial)
        let system = try TransitionSystem(model: model, context: Context(), pathLimit: 8)
        let result = try BoundedModelChecker(system: system).run(properties: [.refillTerminates], depth: 4)
        #expect(!system.assumed.contains(.listPlacement))
        guard case .bounded(let depth, .relation(let why)) = result.verdicts[.refillTerminates] else {
            Issue.record("\(String(describing: result.verdicts[.refillTerminates]))")
            return
        }
        #expect(depth == 2)
        #expect(why.hasPrefix("step 2:"), "\(why)")
    }

    /// A BMC run cut short says nothing about the depths it did not reach: no "agree" from it.
    @Test func aCrossCheckCutShortByTheTimeLimitIsNoAgreement() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
        #expect(throws: CrossCheck.NotJudged.self) {
            try CrossCheck.bmcDepths(system, depth: 50, deadline: Deadline(seconds: 0.5))
        }
    }
}
