import TestSupport
import Testing

/// A negative budget or depth is told what the value must be, not that it is missing; induction
/// with k = 0 is refused rather than proving at k = 1.
@Suite struct OptionValueTests {
    @Test(arguments: [
        (["--max-states", "-5"], "--max-states must be at least 1"),
        (["--depth", "-1"], "--depth must be at least 0"),
        (["--timeout", "-1"], "--timeout must be positive"),
        (["--max-seconds", "-3"], "--max-seconds must be positive"),
        (["--max-depth", "-2"], "--max-depth must be at least 0"),
        (["--engine", "induction", "--depth", "0"], "--engine induction needs --depth 1 or more"),
    ])
    func aBadNumberSaysWhatTheValueMustBe(options: [String], message: String) throws {
        let run = try runSlabcheck(["check"] + options + [spec("tiny")])
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("Missing value"), "\(run.stderr)")
    }
}
