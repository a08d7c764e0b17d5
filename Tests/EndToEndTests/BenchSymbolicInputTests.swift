import Foundation
import TestSupport
import Testing

@Suite struct BenchSymbolicInputTests {
    /// A misspelt part or configuration is refused with the known names (exit 2), rather than
    /// measuring nothing and exiting 0.
    @Test(arguments: [
        ["--only", "circut"], ["--only", "circuit", "--circuit-on", "kernal"],
        ["--only", "cross-check", "--cross-check-on", "tiny,smal"],
    ])
    func anUnknownNameIsRefusedWithTheKnownOnes(arguments: [String]) throws {
        let run = try runSlabcheck(["bench-symbolic"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no "))
        #expect(run.stderr.contains("known: "))
        #expect(run.stdout.isEmpty)
    }
}
