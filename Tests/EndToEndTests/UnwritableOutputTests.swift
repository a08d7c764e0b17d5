import Foundation
import TestSupport
import Testing

/// A counterexample that cannot be written costs its file, never the verdict: the verdict and the
/// steps are printed, the error names the path, and the specs after it are still checked.
@Suite struct UnwritableOutputTests {
    func expectVerdictsSurvive(_ run: Run, path: String) {
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.contains("violated in"), "\(run.stdout)")
        #expect(run.stdout.contains("Counterexample for"), "the counterexample is printed: \(run.stdout)")
        #expect(run.stdout.contains("tiny"), "the next spec is still checked: \(run.stdout)")
        #expect(run.stderr.contains("cannot write the counterexample to \(path)"), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"), "\(run.stderr)")
    }

    @Test func anOutputFolderThatCannotBeCreatedStillPrintsEveryVerdict() throws {
        let out = "/proc/slabcheck-cannot-create-\(UUID().uuidString)"
        let run = try runSlabcheck(["check", "--out", out, spec("grow-uncounted"), spec("tiny")])
        expectVerdictsSurvive(run, path: out)
    }

    @Test func aFileWhereTheOutputFolderShouldBeStillPrintsEveryVerdict() throws {
        let folder = try temporaryFolder()
        let out = folder + "/Counterexamples"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: out))
        let run = try runSlabcheck(["check", "--out", out, spec("grow-uncounted"), spec("tiny")])
        expectVerdictsSurvive(run, path: out)
        #expect(run.stderr.contains("is a file, not a folder"), "\(run.stderr)")
    }

    @Test func aSpecNameTooLongForAFileNameStillPrintsEveryVerdict() throws {
        let folder = try temporaryFolder()
        let long = String(repeating: "n", count: 300)
        let text = try String(contentsOfFile: spec("grow-uncounted"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("name:") ? "name: \(long)" : String($0) }
            .joined(separator: "\n")
        let path = folder + "/long-name.spec"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try runSlabcheck(["check", "--out", folder + "/out", path, spec("tiny")])
        expectVerdictsSurvive(run, path: folder + "/out/" + long)
        #expect(run.stderr.contains("File name too long"), "\(run.stderr)")
    }
}
