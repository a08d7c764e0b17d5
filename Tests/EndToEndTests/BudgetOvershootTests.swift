import Foundation
import TestSupport
import Testing

/// Every budget holds within 1 s or 5% of it, whichever is larger: inside a property's own
/// quantifiers, inside the symbolic engines' property building, and for the whole process's memory.
@Suite struct BudgetOvershootTests {
    /// num 64 and pages 64 make 4,096 objects: three nested quantifiers are 6.9·10¹⁰ evaluations
    /// of one state.
    func expensiveSpec() throws -> String {
        let text = try String(contentsOfFile: spec("tiny"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in
                switch true {
                case line.hasPrefix("num:"): "num: 64"
                case line.hasPrefix("pages:"): "pages: 64"
                case line.hasPrefix("check:"): "check: p"
                case line.hasPrefix("cover:"): ""
                case line.hasPrefix("expect:"):
                    "expect: holds\nproperty: p = forall a in objects: forall b in objects: forall c in objects: held[a] + held[b] + held[c] >= 0"
                default: String(line)
                }
            }
            .joined(separator: "\n")
        let path = try temporaryFolder() + "/expensive.spec"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func timed(_ arguments: [String]) throws -> (Run, Double) {
        let started = Date()
        let run = try runSlabcheck(arguments)
        return (run, Date().timeIntervalSince(started))
    }

    @Test func aTimeBudgetHoldsInsideAnExpensivePropertyOnTheExplicitEngine() throws {
        let (run, seconds) = try timed([
            "check", "--quiet", "--max-seconds", "2", "--out", try temporaryFolder(), try expensiveSpec(),
        ])
        #expect(seconds < 3, "took \(seconds) s")
        #expect(run.stdout.contains("p  bounded (time budget of 2.0 s reached)"), "\(run.stdout)\(run.stderr)")
        #expect(run.status == 1)
    }

    @Test func aTimeoutHoldsWhileBMCBuildsAnExpensiveProperty() throws {
        let (run, seconds) = try timed(
            [
                "check", "--quiet", "--engine", "bmc", "--depth", "3", "--timeout", "2", "--out", try temporaryFolder(),
                try expensiveSpec(),
            ])
        #expect(seconds < 4, "took \(seconds) s (the relation's build counts too)")
        #expect(run.stdout.contains("p  bounded ("), "\(run.stdout)\(run.stderr)")
        #expect(run.status == 1)
    }

    /// The peak memory the report prints, in MiB.
    func peakMiB(_ run: Run) -> Int? {
        guard let range = run.stdout.range(of: #"peak memory (\d+) MiB"#, options: .regularExpression) else {
            return nil
        }
        return Int(run.stdout[range].split(separator: " ")[2])
    }

    @Test func theMemoryBudgetCountsTheWholeProcess() throws {
        let out = try temporaryFolder()
        let start = try runSlabcheck(["check", "--quiet", "--max-states", "1", "--out", out, spec("medium")])
        let baseline = try #require(peakMiB(start), "\(start.stdout)")
        let budget = baseline + 3
        let run = try runSlabcheck(["check", "--quiet", "--memory", "\(budget)MB", "--out", out, spec("medium")])
        #expect(run.stdout.contains("bounded (memory limit of \(budget) MiB reached)"), "\(run.stdout)")
        let peak = try #require(peakMiB(run), "\(run.stdout)")
        #expect(Double(peak) <= Double(budget) * 1.05 + 1, "peak \(peak) MiB for a budget of \(budget) MiB")
    }
}
