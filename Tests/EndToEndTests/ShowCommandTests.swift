import Foundation
import TestSupport
import Testing

@Suite struct ShowCommandTests {
    let trace = "Counterexamples/shared-wrong-end-conservation.itf.json"

    @Test func showPrintsPlainSwimlanesWhenPipedAndWritesTheSVG() throws {
        let svg = try temporaryFolder() + "/trace.svg"
        let run = try runSlabcheck(["show", "--svg", svg, trace])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}["), "stdout is a pipe here: no colour")
        #expect(run.stdout.contains("cpu0") && run.stdout.contains("cpu1") && run.stdout.contains("t0@cpu0"))
        #expect(run.stdout.contains("conservation breaks at step 9"))
        let written = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(written.hasPrefix("<?xml") && written.contains("</svg>"))
    }

    @Test func colorAlwaysColoursEvenThroughAPipe() throws {
        let run = try runSlabcheck(["show", "--color", "always", trace])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\u{1B}["))
    }

    @Test func badInputExitsTwoWithAMessage() throws {
        let folder = try temporaryFolder()
        let missing = try runSlabcheck(["show", "\(folder)/nope.itf.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the file"))
        try "{\"vars\": [".write(toFile: "\(folder)/corrupt.itf.json", atomically: true, encoding: .utf8)
        let corrupt = try runSlabcheck(["show", "\(folder)/corrupt.itf.json"])
        #expect(corrupt.status == 2)
        #expect(corrupt.stderr.contains("corrupt.itf.json: not JSON"))
        try "{\"vars\": []}".write(toFile: "\(folder)/wrong.itf.json", atomically: true, encoding: .utf8)
        let wrong = try runSlabcheck(["show", "\(folder)/wrong.itf.json"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("wrong.itf.json"))
        let unwritable = try runSlabcheck(["show", "--svg", "\(folder)/no/such/dir/x.svg", trace])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write the SVG"))
    }
}

@Suite struct HelpTests {
    @Test(arguments: ["check", "show", "replay", "bench", "bench-symbolic", "differential"])
    func everyCommandsHelpHasExamplesOfItself(command: String) throws {
        let run = try runSlabcheck([command, "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"))
        #expect(run.stdout.contains("slabcheck \(command) "))
    }
}
