import CrossChecking
import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

/// BMC builds step k's relation from the states reachable within k − 1 steps, only when it
/// reaches depth k. (That each step's relation is exact for a run is what `CrossCheckTests` pin:
/// BMC finds every violation at BFS's depth.)
@Suite struct StepRelationTests {
    /// From the initial state every cell is a constant, so nothing branches.
    @Test func theFirstStepHasOnePathPerAction() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.small, variant: .seed), context: Context())
        _ = try BoundedModelChecker(system: system).run(properties: [.conservation], depth: 1)
        #expect(system.report.roundPaths == [system.actions.count])
    }

    /// The object a refill hands out is an array entry, which from a box is any object: the
    /// hand-out adds the holder at that object without splitting on which it is. Splitting made a
    /// path per object here, and multiplied every refill's paths by the objects its entries may hold.
    @Test func aHandOutCountsItsHolderWithoutSplittingOnTheObject() throws {
        let context = try Context()
        let model = SlabModel(configuration: Configs.small, variant: .seed)
        let layout = model.layout
        let ac = layout.ac(0)
        var state = constantInitialState(layout)
        state.cells[ac.avail] = .constant(2)
        for i in 0..<ac.capacity {
            state.cells[ac.entries + i] = SymbolicValue(
                variable: try context.bitVectorConstant("e\(i)", width: 8), range: 0...(layout.objects - 1))
        }
        let explorer = PathExplorer(context: context, pathLimit: 100, width: 8, deadline: .none)
        let paths = try explorer.paths(
            of: .irqAlloc(cpu: 0, growFails: false), from: state, layout: layout, variant: .seed)
        #expect(paths.count == 1)
        let outcome = try #require(paths.first?.outcome)
        #expect((0..<layout.objects).allSatisfy { outcome.state.cells[layout.held($0)].constantValue == nil })
    }

    @Test func aOneStepCounterexampleBuildsOnlyTheFirstStep() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.small, variant: .noFreeDecrement), context: Context())
        let result = try BoundedModelChecker(system: system).run(properties: [.freeObjectsExact], depth: 8)
        guard case .violated(let actions) = result.verdicts[.freeObjectsExact] else {
            Issue.record("\(String(describing: result.verdicts[.freeObjectsExact]))")
            return
        }
        #expect(actions.count == 1)
        #expect(system.report.roundPaths.count == 1)
        #expect(system.report.fixpoint == nil)
    }

    /// A frame runs the rounds its narrowing needs before any transition is asked for: that time
    /// is the relation's build all the same, which the reports print (`buildSeconds`).
    @Test func roundsThatAFrameRunsCountAsBuildingTheRelation() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
        let started = ContinuousClock.now
        _ = try system.frame(step: 4, prefix: "x")
        let elapsed = ContinuousClock.now - started
        #expect(system.report.roundPaths.count == 4)
        #expect(
            system.buildSeconds >= 0.5
                * (Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)))
    }

    /// `assume` drops the relations built so far: a transition asked for afterwards builds its
    /// step again rather than read a round that is gone.
    @Test func aTransitionAskedForAfterAssumingBuildsItsStepAgain() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
        let from = try system.frame(step: 0, prefix: "a")
        let to = try system.frame(step: 1, prefix: "a")
        try system.assume([.conservation])
        #expect(system.report.roundPaths.isEmpty)
        _ = try system.transition(from: from, to: to)
        #expect(system.report.roundPaths == [system.actions.count])
    }

    /// Medium's later steps have hundreds of paths per action: a limit of 100 stops BMC at the
    /// first step that exceeds it, with every shallower depth still checked.
    @Test func aStepWithTooManyPathsEndsBoundedAtTheDepthBeforeIt() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.medium, variant: .seed), context: Context(), pathLimit: 100)
        let result = try BoundedModelChecker(system: system).run(properties: [.conservation], depth: 20)
        guard case .bounded(let depth, .relation(let why)) = result.verdicts[.conservation] else {
            Issue.record("\(String(describing: result.verdicts[.conservation]))")
            return
        }
        #expect(depth >= 1)
        #expect(depth == result.depthReached)
        #expect(why.hasPrefix("step \(depth + 1):"))
        #expect(why.contains("more than 100 paths"))
    }

    /// A build cut short inside a round still reports that round's pruning calls: on the
    /// kernel-size configuration they were where the time went, and the report counted only the
    /// rounds before. A path limit cuts the round at the same place every run; a time limit could
    /// fall between two rounds.
    @Test func aRoundCutShortStillCountsItsPruningCalls() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.medium, variant: .seed), context: Context(), pathLimit: 100)
        try system.assume(SlabProperties.stateProperties)
        #expect(throws: SymbolicError.self) { try system.box(afterSteps: 8, deadline: .none) }
        let unfinished = try #require(system.analysis.unfinished)
        #expect(unfinished.calls > 0)
        #expect(unfinished.seconds > 0)
        #expect(system.report.pruning == system.analysis.pruning.reduce(Pruning(), +) + unfinished)
    }

    /// From a box, most paths are taken only by states no run reaches: a slab on `slabs_partial`
    /// with every object free, an object both on a free chain and in an array. Built for the
    /// states that satisfy the model's state properties, tiny's converged relation keeps a small
    /// part of them (3,244 paths to 194 when this was written).
    @Test func assumingThePropertiesDropsThePathsNoWellFormedStateTakes() throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .seed)
        let every = try TransitionSystem(model: model, context: Context())
        _ = try every.rangeInvariant()
        let wellFormed = try TransitionSystem(model: model, context: Context())
        try wellFormed.assume(SlabProperties.stateProperties)
        _ = try wellFormed.rangeInvariant()
        let all = try #require(every.report.roundPaths.last)
        let kept = try #require(wellFormed.report.roundPaths.last)
        #expect(kept * 5 < all, "\(kept) of \(all) paths kept")
        #expect(wellFormed.report.pruning.dropped > 0)
        #expect(every.report.pruning.dropped == 0)
    }

    /// Induction needs the converged relation first; medium's takes minutes to build.
    @Test func inductionOutOfTimeWhileBuildingTheRelationEndsBounded() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.medium, variant: .seed), context: Context())
        let result = try Induction(system: system).run(
            properties: [.conservation], maxK: 1, deadline: Deadline(seconds: 0.5))
        guard case .bounded(_, .relation(let why)) = result.verdicts[.conservation] else {
            Issue.record("\(String(describing: result.verdicts[.conservation]))")
            return
        }
        #expect(why.contains("time limit"))
        #expect(system.report.fixpoint == nil)
    }
}
