import Foundation
import TestSupport
import Testing

/// The same spec gives the same counterexample, byte for byte, whatever the thread count and the
/// run: the README's walk-through leaves the committed trace as it is.
@Suite struct DeterministicCounterexampleTests {
    @Test func aMutantSpecGivesOneTraceWithOneAndTwoThreadsTwiceEach() throws {
        var traces: Set<Data> = []
        for threads in [1, 2, 1, 2] {
            let folder = try temporaryFolder()
            let run = try runSlabcheck([
                "check", "--quiet", "--threads", "\(threads)", "--out", folder, "Specs/shared-wrong-end.spec",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            traces.insert(
                try Data(contentsOf: URL(fileURLWithPath: "\(folder)/shared-wrong-end-conservation.itf.json")))
        }
        #expect(traces.count == 1)
        let committed = try Data(
            contentsOf: packageRoot.appendingPathComponent("Counterexamples/shared-wrong-end-conservation.itf.json"))
        #expect(traces == [committed], "the committed counterexample is the one check writes")
    }
}
