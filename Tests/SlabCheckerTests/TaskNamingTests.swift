import Foundation
import ModelKit
import SlabChecker
import SlabModel
import SlabSpec
import TestSupport
import Testing

/// A property that names a task is judged with tasks kept apart: a checker that renamed them
/// would merge the state that breaks it with its mirror image, which does not, and say it holds.
@Suite struct TaskNamingTests {
    let property = "asleep-on-the-other-cpu"

    @Test(arguments: [Symmetry.all, .none])
    func theExplicitEngineFindsTheTaskNamingViolationInFiveSteps(symmetry: Symmetry) throws {
        let loaded = try Spec.load(path: spec("task-naming"))
        let result = try ExplicitRun.check(CheckRequest(spec: loaded, symmetry: symmetry))
        let verdict = try #require(result.properties.first { $0.property == property })
        #expect(verdict.verdict == .violated(depth: 5))
        #expect(result.meetsExpectation)
    }

    @Test func bmcFindsTheTaskNamingViolationInFiveSteps() throws {
        let loaded = try Spec.load(path: spec("task-naming"))
        let outcome = try Checking.check(CheckRequest(spec: loaded), engine: .bmc, depth: 5, timeout: 300)
        let verdict = try #require(outcome.result.properties.first { $0.property == property })
        #expect(verdict.verdict == .violated(depth: 5))
    }

    @Test func aPropertyThatNamesTasksKeepsTasksFromBeingRenamed() throws {
        let loaded = try Spec.load(path: spec("task-naming"))
        let named = try #require(loaded.userProperties.first).property.namedKinds
        #expect(named.contains(.tasks))
    }
}
