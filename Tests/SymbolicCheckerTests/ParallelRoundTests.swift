import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

/// A round's actions are explored on two threads, half of them in a worker's context whose terms
/// are translated back. What an action's paths are must not depend on that.
@Suite struct ParallelRoundTests {
    /// The pruners drop only what Z3 refutes, so an action explored beside other actions, on
    /// another thread, in another context, has the paths it has when explored alone. The round's
    /// pruners also ask Z3 over narrow variables (`Box.narrowing`) and the lone one over the
    /// cells' own: where no call runs into its time limit, as here, narrowing changes no path.
    @Test func everyActionHasThePathsItHasWhenExploredAloneInOneContext() throws {
        let context = try Context()
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: context)
        try system.assume(SlabProperties.stateProperties)
        let box = try system.box(afterSteps: 3, deadline: .none)
        let state = box.state(system.variables)
        let invariant = try #require(try system.analysis.prunedFor(box, state))
        let width = system.width.bits
        let round = ParallelRound(
            model: system.model, context: context, variables: system.variables, width: width, pathLimit: 10_000,
            deadline: .none)
        let weights = system.actions.indices.map { $0 % 3 }
        var pruning = Pruning()
        var carried: [[Int]] = []
        let parallel = try round.explore(
            from: box, invariant: invariant, weights: weights, pruning: &pruning, witnesses: &carried)
        #expect(pruning.calls > 0)
        #expect(!ParallelRound.balanced(weights, count: system.actions.count)[1].isEmpty)

        let pruner = try PathPruner(
            context: context, invariant: invariant, box: box, variables: system.variables, cellBits: width,
            deadline: .none)
        let alone = try Self.explore(system, from: box, pruner)
        for (a, action) in system.actions.enumerated() {
            #expect(
                try Self.summary(alone[a], context, width) == Self.summary(parallel[a], context, width), "\(action)")
        }
        #expect(alone.map(\.count).reduce(0, +) > system.actions.count)
    }

    /// A pruner may start from the states an earlier round's checks found: they lie in the later,
    /// larger box and satisfy the same invariant. What a witness answers is only ever
    /// "satisfiable", and truly so, so no path changes; a model of a carried state that got a cell
    /// wrong would keep a path the fresh pruner drops.
    @Test func statesCarriedFromTheRoundBeforeChangeNoPath() throws {
        let (system, context) = try Self.tinyAssumingTheProperties()
        let earlier = try system.box(afterSteps: 2, deadline: .none)
        let later = try system.box(afterSteps: 3, deadline: .none)
        #expect(earlier != later)
        let before = try Self.pruner(system, from: earlier, carried: [])
        _ = try Self.explore(system, from: earlier, before)
        #expect(!before.foundStates.isEmpty)

        let freshPaths = try Self.explore(system, from: later, Self.pruner(system, from: later, carried: []))
        let givenPaths = try Self.explore(
            system, from: later, Self.pruner(system, from: later, carried: before.foundStates))
        let width = system.width.bits
        for (a, action) in system.actions.enumerated() {
            #expect(
                try Self.summary(freshPaths[a], context, width) == Self.summary(givenPaths[a], context, width),
                "\(action)")
        }
    }

    /// Given the states a pruner found over a box, a second pruner over the same box asks the
    /// same queries, and a state of the first answers each satisfiable one, unless only states
    /// outside the box did (which are not carried): on tiny, one in about fifty.
    @Test func aPrunerGivenTheStatesOfOneOverTheSameBoxMakesHardlyASatisfiableCall() throws {
        let (system, _) = try Self.tinyAssumingTheProperties()
        let box = try system.box(afterSteps: 3, deadline: .none)
        let first = try Self.pruner(system, from: box, carried: [])
        _ = try Self.explore(system, from: box, first)
        #expect(first.statistics.satisfiable > 0)
        let second = try Self.pruner(system, from: box, carried: first.foundStates)
        _ = try Self.explore(system, from: box, second)
        #expect(second.statistics.satisfiable * 10 < first.statistics.satisfiable)
        #expect(second.statistics.dropped == first.statistics.dropped)
    }

    /// A state that ended a run may hold a cell outside the box, where the round's formulas,
    /// folded by the box's ranges, may not judge it as the model does, and a narrow variable may
    /// not hold it: it is not carried.
    @Test func aCarriedStateWithACellOutsideTheBoxIsLeftBehind() throws {
        let (system, _) = try Self.tinyAssumingTheProperties()
        let box = try system.box(afterSteps: 3, deadline: .none)
        let first = try Self.pruner(system, from: box, carried: [])
        _ = try Self.explore(system, from: box, first)
        let state = try #require(first.foundStates.first)
        let narrowed = try box.narrowing(system.variables, width: system.width.bits, system.context)
        let cell = try #require(system.variables.firstIndex { v in narrowed.contains { $0.from == v } })
        var wide = state
        wide[cell] = box.ranges[cell].upperBound + 1
        #expect(try Self.pruner(system, from: box, carried: [state, wide]).carriedCount == 1)
    }

    static func tinyAssumingTheProperties() throws -> (TransitionSystem, Context) {
        let context = try Context()
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: context)
        try system.assume(SlabProperties.stateProperties)
        return (system, context)
    }

    /// A narrowed pruner over `box`, as a round's.
    static func pruner(_ system: TransitionSystem, from box: Box, carried: [[Int]]) throws -> PathPruner {
        let invariant = try #require(try system.analysis.prunedFor(box, box.state(system.variables)))
        let width = system.width.bits
        return try PathPruner(
            context: system.context, invariant: invariant, box: box, variables: system.variables, cellBits: width,
            narrowing: box.narrowing(system.variables, width: width, system.context), carried: carried, deadline: .none)
    }

    /// Every action's paths from `box`, pruned by `pruner`, the corrupt states marked.
    static func explore(_ system: TransitionSystem, from box: Box, _ pruner: PathPruner) throws -> [[PathExplorer.Path]]
    {
        let layout = system.model.layout
        let explorer = PathExplorer(
            context: system.context, pathLimit: 10_000, width: system.width.bits, deadline: .none, pruner: pruner)
        return try system.actions.map { action in
            var paths = try explorer.paths(
                of: action, from: box.state(system.variables), layout: layout, variant: system.model.variant)
            for i in paths.indices {
                guard var outcome = paths[i].outcome else { continue }
                IntervalAnalysis.markCorrupt(&outcome.state, layout: layout, codec: system.model.codec)
                paths[i].outcome = outcome
            }
            return paths
        }
    }

    @Test func carriedStatesAreThisRoundsLatestFirstThenTheOlderOnesEachOnce() {
        let carried = ParallelRound.carried([[[3], [1]], [[4]]], before: [[1], [0]])
        #expect(carried == [[3], [1], [4], [0]])
    }

    @Test func theHeaviestActionsGoToDifferentHalvesAndEveryActionToOne() {
        let halves = ParallelRound.balanced([1, 9, 1, 9, 2], count: 5)
        #expect(halves.flatMap { $0 }.sorted() == [0, 1, 2, 3, 4])
        #expect(halves[0].contains(1) != halves[0].contains(3))
        #expect(halves.map { $0.map { [1, 9, 1, 9, 2][$0] }.reduce(0, +) }.sorted() == [11, 11])
    }

    /// Each path as its guard and the terms of its outcome's cells, all in `context`.
    static func summary(_ paths: [PathExplorer.Path], _ context: Context, _ width: Int) throws -> Set<[Term]> {
        Set(
            try paths.map { p in
                [try context.and(p.guardParts)]
                    + (try p.outcome?.state.cells.map { try $0.term(in: context, width: width) } ?? [])
            })
    }
}
