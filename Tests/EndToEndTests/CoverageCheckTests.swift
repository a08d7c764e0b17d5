import Foundation
import SlabChecker
import SlabModel
import SlabReport
import SlabSpec
import SlabTrace
import TestSupport
import Testing

@Suite struct CoverageCheckTests {
    /// tiny with its own `cover:` line replaced by `extra`, written to a fresh folder.
    func tinyVariant(adding extra: String) throws -> String {
        let folder = try temporaryFolder()
        let text = try String(contentsOfFile: spec("tiny"), encoding: .utf8)
            .components(separatedBy: "\n").filter { !$0.hasPrefix("cover:") }.joined(separator: "\n")
        let path = "\(folder)/unreachable.spec"
        try (text + "\n" + extra + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRequiredBranchTheSearchNeverReachesFailsTheCheckNamingWhereItWasRequired() throws {
        // tiny has `sharedLimit: 0`: no refill can ever hit the shared array.
        let path = try tinyVariant(adding: "cover: partial-slab shared-hit")
        let run = try runSlabcheck(["check", "--quiet", "--out", try temporaryFolder(), path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix("cover:") }) + 1
        #expect(run.stdout.contains("\(path):\(line):21: required branch 'shared-hit' was never reached"))
        #expect(!run.stdout.contains("'partial-slab' was never reached"))
        #expect(run.stdout.contains("NOT MET"))
    }

    @Test func tuneIsUnreachableWithoutTheTuningEvent() throws {
        let loaded = try Spec.load(path: try tinyVariant(adding: "cover: tune"))
        let result = try ExplicitRun.check(CheckRequest(spec: loaded))
        #expect(result.properties.allSatisfy { $0.verdict == .holds })
        #expect(result.missedBranches.map(\.branch) == [.tune])
        #expect(!result.meetsExpectation)
    }

    @Test func reachedRequiredBranchesMeetTheExpectation() throws {
        let loaded = try Spec.load(path: try tinyVariant(adding: "cover: must-grow retry-after-grow null-return"))
        let result = try ExplicitRun.check(CheckRequest(spec: loaded))
        #expect(result.missedBranches.isEmpty)
        #expect(result.meetsExpectation)
    }

    @Test func checkCoveragePrintsEveryBranchReachedOrNot() throws {
        let run = try runSlabcheck(["check", "--quiet", "--coverage", "--out", try temporaryFolder(), spec("tiny")])
        #expect(run.status == 0, "\(run.stderr)")
        for branch in Branch.allCases { #expect(run.stdout.contains(branch.rawValue), "\(branch)") }
        #expect(run.stdout.contains("shared-hit               NOT reached"))
        #expect(run.stdout.contains("retry-after-grow         reached"))
    }

    @Test func theJSONReportCarriesTransitionsPerBranchAndTheMissedOnes() throws {
        let path = try tinyVariant(adding: "cover: retry-after-grow shared-hit")
        let run = try runSlabcheck(["check", "--json", "--out", try temporaryFolder(), path])
        #expect(run.status == 1)
        guard case .array(let specs) = try JSON.parse(Data(run.stdout.utf8)), let first = specs.first else {
            Issue.record("not a JSON array: \(run.stdout)")
            return
        }
        let coverage = try #require(first["coverage"])
        guard case .number(let retries)? = coverage["branches"]?["retry-after-grow"] else {
            Issue.record("no count for retry-after-grow in \(run.stdout)")
            return
        }
        #expect(retries > 0)
        #expect(coverage["branches"]?["shared-hit"] == .number(0))
        #expect(coverage["missed"] == .array([.string("shared-hit")]))
    }

    @Test func theZ3EnginesSayTheyMeasureNoCoverage() throws {
        let loaded = try Spec.load(path: spec("tiny"))
        let outcome = try Checking.check(CheckRequest(spec: loaded), engine: .bmc, depth: 1, timeout: 60)
        #expect(outcome.result.coverage == nil)
        #expect(ReportText.render(outcome.result, coverage: true).contains("not measured by the bmc engine"))
    }
}
