import Foundation
import TestSupport
import Testing

/// `random` judges its runs against the spec's `expect:` line, as `check` does.
@Suite struct RandomCommandTests {
    @Test func aMutantSpecThatExpectsItsViolationMeetsItWhenARunBreaksIt() throws {
        let run = try runSlabcheck([
            "random", "Specs/shared-wrong-end.spec", "--runs", "500", "--steps", "40", "--seed", "7", "--out",
            try temporaryFolder(),
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("run 474 of the 500 asked for failed: broke conservation"))
        #expect(run.stdout.contains("expected violates conservation: met"))
    }

    @Test func aMutantSpecWhoseRunsAllPassDoesNotMeetItsExpectation() throws {
        let run = try runSlabcheck([
            "random", "Specs/shared-wrong-end.spec", "--runs", "3", "--steps", "10", "--seed", "7", "--out",
            try temporaryFolder(),
        ])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("3 runs, 30 steps"))
        #expect(run.stdout.contains("expected violates conservation: NOT MET (no run broke it)"))
    }
}
