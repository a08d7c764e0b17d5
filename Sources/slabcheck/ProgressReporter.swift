import ExplicitChecker
import Foundation
import SlabChecker
import SlabReport

/// The progress line of a long search, on stderr when it is a terminal: never in a file or a
/// pipe, where a redrawn line would be noise.
enum ProgressReporter {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The callback that redraws the line, labelled `label`; nil when progress is off.
    static func callback(label: String, enabled: Bool) -> (@Sendable (ExplicitStatistics) -> Void)? {
        guard enabled, stderrIsTerminal else { return nil }
        return { complainInline(ProgressLine.redraw(ProgressLine.render($0, label: label))) }
    }

    /// Erases the line once the search is done, so the report starts on a clean line.
    static func finish(enabled: Bool) {
        if enabled, stderrIsTerminal { complainInline(ProgressLine.erase) }
    }
}
