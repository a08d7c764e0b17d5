import SlabChecker
import SlabModel

/// The coverage block of a report: with `table`, each branch reached or not; always, each branch
/// the spec's `cover:` requires that was never reached.
enum CoverageText {
    static func render(_ result: SpecResult, table: Bool) -> [String] {
        let spec = result.spec
        guard let coverage = result.coverage else {
            guard table || !spec.cover.isEmpty else { return [] }
            return [
                "  coverage: not measured by the \(result.engine.rawValue) engine, so `cover:` is not judged here"
                    + " (only the explicit engine explores states: run `--engine explicit` or `--engine all`)"
            ]
        }
        if let cut = result.coverageUnjudged, !spec.cover.isEmpty, !table {
            return ["  coverage: `cover:` not judged, the search stopped early (\(cut))"]
        }
        let missed = result.missedBranches.map {
            "  \(spec.path):\($0.location): required branch '\($0.branch.rawValue)' was never reached"
        }
        guard table else { return missed }
        let required = Set(spec.cover)
        let width = (Branch.allCases.map(\.rawValue.count).max() ?? 0) + 2
        var lines = ["  coverage (transitions explored that took each branch):"]
        for branch in Branch.allCases {
            let count = coverage.count(branch.rawValue) ?? 0
            let name = branch.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            let mark = required.contains(branch) ? "  (required)" : ""
            lines.append("    " + name + (count > 0 ? "reached \(count)" : "NOT reached") + mark)
        }
        return lines + missed
    }
}
