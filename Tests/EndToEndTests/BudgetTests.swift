import Foundation
import SlabChecker
import SlabSpec
import TestSupport
import Testing

/// A budget given on the command line ends a search `bounded`, with the figures it reached; what
/// the search did not reach is not judged, neither as a pass nor as a failed expectation.
@Suite struct BudgetTests {
    @Test func aBudgetCutSearchReportsCoverageAndItsExpectationAsNotJudged() throws {
        let run = try runSlabcheck([
            "check", "--quiet", "--max-states", "2000", "--out", try temporaryFolder(), "Specs/medium.spec",
        ])
        #expect(run.stdout.contains("conservation            bounded (state budget of 2000 reached)"), "\(run.stdout)")
        #expect(run.stdout.contains(" states, "))
        #expect(!run.stdout.contains("was never reached"))
        #expect(
            run.stdout.contains(
                "coverage: `cover:` not judged, the search stopped early (state budget of 2000 reached)"))
        #expect(run.stdout.contains("expected holds: not judged, bounded (state budget of 2000 reached)"))
        #expect(!run.stdout.contains("NOT MET"))
    }

    @Test func aViolationFoundWithinTheBudgetIsJudgedAllTheSame() throws {
        let loaded = try Spec.load(path: spec("shared-wrong-end"))
        let found = try ExplicitRun.check(CheckRequest(spec: loaded, maxStates: 100_000, threads: 1))
        #expect(found.outcome == .met)
        let cut = try ExplicitRun.check(CheckRequest(spec: loaded, maxDepth: 3, threads: 1))
        #expect(cut.outcome == .notJudged(reason: "depth 3 reached"))
    }
}
