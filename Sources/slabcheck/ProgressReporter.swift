import ExplicitChecker
import Foundation
import SlabChecker
import SlabReport
import SymbolicChecker

/// The progress line of a long search, on stderr when it is a terminal: never in a file or a
/// pipe, where a redrawn line would be noise.
enum ProgressReporter {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The callback that redraws the line, labelled `label`; nil when progress is off.
    static func callback(label: String, enabled: Bool) -> (@Sendable (ExplicitStatistics) -> Void)? {
        guard enabled, stderrIsTerminal else { return nil }
        return { complainInline(ProgressLine.redraw(ProgressLine.render($0, label: label))) }
    }

    /// The callback that redraws the line of a Z3 engine (`bmc`, `induction`); nil when progress
    /// is off. Not throttled: each call is a solver check or a depth, far rarer than explicit
    /// states, and a check that starts must show at once, for it may take minutes.
    static func symbolicCallback(label: String, engine: Engine, enabled: Bool) -> ((SymbolicProgress) -> Void)? {
        guard enabled, stderrIsTerminal else { return nil }
        return {
            complainInline(
                ProgressLine.redraw(
                    ProgressLine.render($0, label: label, engine: engine, peakMemoryBytes: peakResidentBytes())))
        }
    }

    /// Erases the line once the search is done, so the report starts on a clean line.
    static func finish(enabled: Bool) {
        if enabled, stderrIsTerminal { complainInline(ProgressLine.erase) }
    }
}
