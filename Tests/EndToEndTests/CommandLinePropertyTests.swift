import Foundation
import TestSupport
import Testing

/// `check --property … --expect …` checks a property without editing a spec, and its trace is
/// shown and replayed like any other.
@Suite struct CommandLinePropertyTests {
    @Test func aPropertyAndAnExpectationFromTheCommandLineReplaceTheSpecs() throws {
        let folder = try temporaryFolder()
        let run = try runSlabcheck([
            "check", "--quiet", "--property", "few = freeObjects <= 1", "--expect", "violates few", "--out", folder,
            "Specs/tiny.spec",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("few  violated in 3 steps"))
        #expect(run.stdout.contains("expected violates few: met"))
        let replay = try runSlabcheck(["replay", "\(folder)/tiny-few.itf.json"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        let bad = try runSlabcheck(["check", "--property", "few = freeObjectz <= 1", "Specs/tiny.spec"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--property:1:7: error: unknown name `freeObjectz`"), "\(bad.stderr)")
    }
}
