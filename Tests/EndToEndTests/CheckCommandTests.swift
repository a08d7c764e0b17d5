import Foundation
import SlabChecker
import SlabSpec
import SlabTrace
import TestSupport
import Testing

@Suite struct CheckCommandTests {
    @Test func aSpecThatHoldsExitsZeroWithAVerdictPerProperty() throws {
        let out = try temporaryFolder()
        let run = try runSlabcheck(["check", "--out", out, spec("tiny")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("conservation") && run.stdout.contains("holds"))
        #expect(run.stdout.contains("expected holds: met"))
    }

    @Test func aMutantIsCaughtPrintedStepByStepAndWrittenAsITF() throws {
        let out = try temporaryFolder()
        let run = try runSlabcheck(["check", "--out", out, spec("grow-uncounted")])
        #expect(run.status == 0, "the spec expects the violation: \(run.stderr)")
        #expect(run.stdout.contains("free-objects-exact  violated in 1 steps"))
        #expect(run.stdout.contains("Counterexample for free-objects-exact"))
        #expect(
            run.stdout.contains("growDone(task: 0, ok: 1)") || run.stdout.contains("irqAlloc(cpu: 0, growFails: 0)"))
        let file = "\(out)/grow-uncounted-free-objects-exact.itf.json"
        let itf = try JSON.parse(Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(itf["#meta"]?["variant"] == .string("grow-uncounted"))
        #expect(itf["#meta"]?["property"] == .string("free-objects-exact"))
        #expect(itf["vars"] != nil)
        guard case .array(let states)? = itf["states"], let first = states.first, let last = states.last else {
            Issue.record("no states in \(file)")
            return
        }
        #expect(first["mbt::actionTaken"] == .string("init"))
        #expect(first["freeObjects"] == .object([("#bigint", .string("0"))]))
        #expect(last["violated"]?["#set"] == .array([.string("free-objects-exact")]))
    }

    @Test func anUnmetExpectationExitsOne() throws {
        let folder = try temporaryFolder()
        let text = try String(contentsOfFile: spec("tiny"), encoding: .utf8)
            .replacingOccurrences(of: "variant: seed", with: "variant: no-free-decrement")
        let path = "\(folder)/wrong.spec"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try runSlabcheck(["check", "--quiet", "--max-states", "20000", "--out", folder, path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("NOT MET"))
    }

    /// With every engine, the verdict is the strongest any reached: induction's proof and the
    /// exhausted search make `holds`, though BMC alone can only say "not within its depth".
    @Test func everyEngineTogetherMeetsHoldsWhereTheyAgree() throws {
        let run = try runSlabcheck([
            "check", "--engine", "all", "--depth", "2", "--quiet", "--out", try temporaryFolder(), spec("tiny"),
        ])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let together = try #require(
            run.stdout.components(separatedBy: "the engines together (explicit, bmc, induction)").last)
        #expect(
            together.contains(
                "conservation            holds  explicit holds, bmc bounded at depth 2, induction holds"))
        #expect(together.contains("expected holds: met"))
    }

    /// A counterexample is the strongest verdict, and each engine's length stands beside it.
    @Test func everyEngineTogetherShowsEachEnginesCounterexampleLength() throws {
        let run = try runSlabcheck([
            "check", "--engine", "all", "--depth", "2", "--quiet", "--out", try temporaryFolder(),
            spec("grow-uncounted"),
        ])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(
            run.stdout.contains(
                "free-objects-exact  violated in 1  explicit violated in 1, bmc violated in 1, induction violated in 1")
        )
    }

    @Test func aStepCaseThatFailsPrintsItsCounterexampleToInduction() throws {
        let run = try runSlabcheck([
            "check", "--engine", "induction", "--depth", "1", "--out", try temporaryFolder(), spec("no-free-decrement"),
        ])
        #expect(run.status == 1)
        let headline = run.stdout.split(separator: "\n").first { $0.contains("counterexample to induction") }
        #expect(headline?.contains("(k = 1): a state that satisfies the invariant") == true)
        #expect(headline?.contains("free-objects-exact") == true)
        #expect(run.stdout.contains("  1. "))
    }

    @Test func aMalformedSpecExitsTwoNamingFileLineAndColumn() throws {
        let folder = try temporaryFolder()
        let path = "\(folder)/bad.spec"
        try "cpus: 1\nnum: two\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try runSlabcheck(["check", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path):2:6: error:"))
    }

    @Test func badCommandLineInputExitsTwo() throws {
        #expect(try runSlabcheck(["check", "--engine", "magic", spec("tiny")]).status == 2)
        #expect(try runSlabcheck(["check", "--memory", "lots", spec("tiny")]).status == 2)
        #expect(try runSlabcheck(["check", "/nonexistent.spec"]).status == 2)
    }

    @Test func aBudgetFromTheCommandLineGivesBoundedAndExitsOne() throws {
        let run = try runSlabcheck([
            "check", "--quiet", "--max-states", "50", "--out", try temporaryFolder(), spec("small"),
        ])
        #expect(run.status == 1)
        #expect(run.stdout.contains("bounded (state budget of 50 reached)"))
    }

    @Test func theJSONReportIsMachineReadable() throws {
        let run = try runSlabcheck(["check", "--json", "--out", try temporaryFolder(), spec("tiny")])
        let report = try JSON.parse(Data(run.stdout.utf8))
        guard case .array(let specs) = report, let first = specs.first else {
            Issue.record("not an array: \(run.stdout)")
            return
        }
        #expect(first["met"] == .bool(true))
        #expect(first["statistics"]?["distinctStates"] != nil)
    }
}
