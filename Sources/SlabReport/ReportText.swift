import ExplicitChecker
import ModelKit
import SlabChecker
import SlabModel
import SlabSpec

/// The verdict block printed for one checked spec.
public enum ReportText {
    /// With `coverage`, the branches the search reached follow the verdicts.
    public static func render(_ result: SpecResult, coverage: Bool = false) -> String {
        let spec = result.spec
        let c = spec.configuration
        var lines = [
            "\(spec.path): \(spec.variant.rawValue) on \(spec.name) (cpus=\(c.cpus) num=\(c.num) limit=\(c.limit) "
                + "batchcount=\(c.batchcount) sharedLimit=\(c.sharedLimit) pages=\(c.pages)), engine \(result.engine.rawValue)"
        ]
        let width = (result.properties.map(\.property.count).max() ?? 0) + 2
        for p in result.properties {
            var line = "  " + p.property.padding(toLength: width, withPad: " ", startingAt: 0) + p.verdict.word
            if case .violated(let depth) = p.verdict {
                line += " in \(depth) steps" + (p.dividesByZero ? " (it divides by zero in the last state)" : "")
            }
            if let why = p.verdict.explanation { line += " (\(why))" }
            if let file = p.traceFile { line += "  -> \(file)" }
            if let failure = p.traceWriteFailure { line += "  (not written: \(failure.reason))" }
            lines.append(line)
        }
        if result.engine == .explicit { lines.append("  " + statistics(result.statistics)) }
        lines += CoverageText.render(result, table: coverage)
        let expected = spec.expectation.text
        lines.append("  expected \(expected): " + result.outcome.text)
        return lines.joined(separator: "\n")
    }

    public static func statistics(_ s: ExplicitStatistics) -> String {
        "\(s.distinctStates) states, \(s.transitions) transitions, depth \(s.depth), "
            + String(
                format: "%.2f s (%.0f states/s), peak memory %d MiB, %d bytes/state packed",
                s.seconds, s.statesPerSecond, s.peakMemoryBytes >> 20, s.wordsPerState * 8)
            + renamed(s.symmetry)
    }

    /// What the counts are of, when the search renamed names.
    static func renamed(_ symmetry: Symmetry) -> String {
        let kinds = symmetry.kindNames
        return kinds.isEmpty ? "" : "; states up to renaming of " + kinds.joined(separator: ", ")
    }
}
