import SlabModel
@testable import SymbolicChecker
import Testing
import Z3Kit

/// A round's actions are explored on two threads, half of them in a worker's context whose terms
/// are translated back. What an action's paths are must not depend on that.
@Suite struct ParallelRoundTests {
    /// The pruners drop only what Z3 refutes, so an action explored beside other actions, on
    /// another thread, in another context, has the paths it has when explored alone. The round's
    /// pruners also ask Z3 over narrow variables (`Box.narrowing`) and the lone one over the
    /// cells' own: where no call runs into its time limit, as here, narrowing changes no path.
    @Test func everyActionHasThePathsItHasWhenExploredAloneInOneContext() throws {
        let context = try Context()
        let system = try TransitionSystem(model: SlabModel(configuration: Configs.tiny, variant: .seed), context: context)
        try system.assume(SlabProperties.stateProperties)
        let box = try system.box(afterSteps: 3, deadline: .none)
        let state = box.state(system.variables)
        let invariant = try #require(try system.analysis.prunedFor(box, state))
        let width = system.width.bits
        let round = ParallelRound(
            model: system.model, context: context, variables: system.variables, width: width, pathLimit: 10_000, deadline: .none)
        let weights = system.actions.indices.map { $0 % 3 }
        var pruning = Pruning()
        let parallel = try round.explore(from: box, invariant: invariant, weights: weights, pruning: &pruning)
        #expect(pruning.calls > 0)
        #expect(!ParallelRound.balanced(weights, count: system.actions.count)[1].isEmpty)

        let explorer = PathExplorer(
            context: context, pathLimit: 10_000, width: width, deadline: .none,
            pruner: try PathPruner(context: context, invariant: invariant, deadline: .none))
        var paths = 0
        for (a, action) in system.actions.enumerated() {
            var alone = try explorer.paths(of: action, from: state, layout: system.model.layout, variant: .seed)
            for i in alone.indices {
                guard var outcome = alone[i].outcome else { continue }
                IntervalAnalysis.markCorrupt(&outcome.state, layout: system.model.layout, codec: system.model.codec)
                alone[i].outcome = outcome
            }
            #expect(try Self.summary(alone, context, width) == Self.summary(parallel[a], context, width), "\(action)")
            paths += alone.count
        }
        #expect(paths > system.actions.count)
    }

    @Test func theHeaviestActionsGoToDifferentHalvesAndEveryActionToOne() {
        let halves = ParallelRound.balanced([1, 9, 1, 9, 2], count: 5)
        #expect(halves.flatMap { $0 }.sorted() == [0, 1, 2, 3, 4])
        #expect(halves[0].contains(1) != halves[0].contains(3))
        #expect(halves.map { $0.map { [1, 9, 1, 9, 2][$0] }.reduce(0, +) }.sorted() == [11, 11])
    }

    /// Each path as its guard and the terms of its outcome's cells, all in `context`.
    static func summary(_ paths: [PathExplorer.Path], _ context: Context, _ width: Int) throws -> Set<[Term]> {
        Set(try paths.map { p in
            [try context.and(p.guardParts)] + (try p.outcome?.state.cells.map { try $0.term(in: context, width: width) } ?? [])
        })
    }
}
