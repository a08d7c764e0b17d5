import SlabChecker

extension ReportText {
    /// The block `check --engine all` prints after the engines' own: per property, the verdict
    /// they reach together (`SpecResult.combined`) and what each engine said, so that a `holds`
    /// shows whose proof it is and how deep BMC got beside it.
    ///
    ///     Specs/tiny.spec: the engines together (explicit, bmc, induction)
    ///       avail-bounds            holds  explicit holds, bmc bounded at depth 10, induction holds
    ///       expected holds: met
    public static func render(together: SpecResult, from results: [SpecResult]) -> String {
        let engines = results.map(\.engine.rawValue).joined(separator: ", ")
        var lines = ["\(together.spec.path): the engines together (\(engines))"]
        let width = (together.properties.map(\.property.count).max() ?? 0) + 2
        let verdictWidth = (together.properties.map { short($0.verdict).count }.max() ?? 0) + 2
        for p in together.properties {
            let each = results.compactMap { r -> String? in
                guard let own = r.properties.first(where: { $0.property == p.property }) else { return nil }
                return "\(r.engine.rawValue) \(short(own.verdict))"
            }
            lines.append(
                "  " + p.property.padding(toLength: width, withPad: " ", startingAt: 0)
                    + short(p.verdict).padding(toLength: verdictWidth, withPad: " ", startingAt: 0)
                    + each.joined(separator: ", ")
            )
        }
        lines.append("  expected \(together.spec.expectation.text): " + together.outcome.text)
        return lines.joined(separator: "\n")
    }

    /// A verdict in a few words: `violated in 9`, `bounded at depth 10`.
    static func short(_ verdict: Verdict) -> String {
        switch verdict {
        case .violated(let depth): "violated in \(depth)"
        case .bounded(_, let cleared?) where cleared >= 0: "bounded at depth \(cleared)"
        default: verdict.word
        }
    }
}
