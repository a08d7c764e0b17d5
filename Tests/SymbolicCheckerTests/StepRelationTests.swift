import SlabModel
import SymbolicChecker
import Testing
import Z3Kit

/// BMC builds step k's relation from the states reachable within k − 1 steps, only when it
/// reaches depth k. (That each step's relation is exact for a run is what `CrossCheckTests` pin:
/// BMC finds every violation at BFS's depth.)
@Suite struct StepRelationTests {
    /// From the initial state every cell is a constant, so nothing branches.
    @Test func theFirstStepHasOnePathPerAction() throws {
        let system = try TransitionSystem(model: SlabModel(configuration: Configs.small, variant: .seed), context: Context())
        _ = try BoundedModelChecker(system: system).run(properties: [.conservation], depth: 1)
        #expect(system.report.roundPaths == [system.actions.count])
    }

    @Test func aOneStepCounterexampleBuildsOnlyTheFirstStep() throws {
        let system = try TransitionSystem(model: SlabModel(configuration: Configs.small, variant: .noFreeDecrement), context: Context())
        let result = try BoundedModelChecker(system: system).run(properties: [.freeObjectsExact], depth: 8)
        guard case .violated(let actions) = result.verdicts[.freeObjectsExact] else {
            Issue.record("\(String(describing: result.verdicts[.freeObjectsExact]))")
            return
        }
        #expect(actions.count == 1)
        #expect(system.report.roundPaths.count == 1)
        #expect(system.report.fixpoint == nil)
    }

    /// Medium's later steps have thousands of paths per action: a limit of 1,000 stops BMC at
    /// the first step that exceeds it, with every shallower depth still checked.
    @Test func aStepWithTooManyPathsEndsBoundedAtTheDepthBeforeIt() throws {
        let system = try TransitionSystem(model: SlabModel(configuration: Configs.medium, variant: .seed), context: Context(), pathLimit: 1_000)
        let result = try BoundedModelChecker(system: system).run(properties: [.conservation], depth: 20)
        guard case .bounded(let depth, let reason) = result.verdicts[.conservation] else {
            Issue.record("\(String(describing: result.verdicts[.conservation]))")
            return
        }
        #expect(depth >= 1)
        #expect(depth == result.depthReached)
        #expect(reason.contains("building step \(depth + 1)"))
        #expect(reason.contains("more than 1000 paths"))
    }

    /// Induction needs the converged relation first; medium's takes minutes to build.
    @Test func inductionOutOfTimeWhileBuildingTheRelationEndsBounded() throws {
        let system = try TransitionSystem(model: SlabModel(configuration: Configs.medium, variant: .seed), context: Context())
        let result = try Induction(system: system).run(properties: [.conservation], maxK: 1, deadline: Deadline(seconds: 0.5))
        guard case .bounded(_, let reason) = result.verdicts[.conservation] else {
            Issue.record("\(String(describing: result.verdicts[.conservation]))")
            return
        }
        #expect(reason.contains("time limit"))
        #expect(system.report.fixpoint == nil)
    }
}
