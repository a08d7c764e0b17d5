import SlabSpec
import SlabTrace

/// The machine-readable report of `check --json`.
public enum ReportJSON {
    public static func render(_ results: [SpecResult]) -> JSON {
        .array(results.map(spec))
    }

    static func spec(_ r: SpecResult) -> JSON {
        let s = r.statistics
        let expected = r.spec.expectation.text
        return .object([
            ("spec", .string(r.spec.path)),
            ("name", .string(r.spec.name)),
            ("variant", .string(r.spec.variant.rawValue)),
            ("engine", .string(r.engine.rawValue)),
            ("expected", .string(expected)),
            ("met", .bool(r.meetsExpectation)),
            (
                "properties",
                .array(
                    r.properties.map { p in
                        var members: [(String, JSON)] = [("property", .string(p.property)), ("verdict", .string(p.verdict.word))]
                        if case .violated(let depth) = p.verdict { members.append(("steps", .number(depth))) }
                        if let why = p.verdict.explanation { members.append(("reason", .string(why))) }
                        if let file = p.traceFile { members.append(("trace", .string(file))) }
                        return .object(members)
                    })
            ),
            ("coverage", coverage(r)),
            (
                "statistics",
                .object([
                    ("distinctStates", .number(s.distinctStates)), ("transitions", .number(s.transitions)),
                    ("depth", .number(s.depth)), ("seconds", .string(String(format: "%.3f", s.seconds))),
                    ("statesPerSecond", .number(Int(s.statesPerSecond))), ("peakMemoryBytes", .number(s.peakMemoryBytes)),
                    ("bytesPerPackedState", .number(s.wordsPerState * 8)),
                ])
            ),
        ])
    }

    /// Transitions per branch, the branches `cover:` required and missed; null for a Z3 engine,
    /// which measures no coverage.
    static func coverage(_ r: SpecResult) -> JSON {
        guard let coverage = r.coverage else { return .null }
        return .object([
            ("branches", .object(coverage.entries.map { ($0.name, .number($0.count)) })),
            ("required", .array(r.spec.cover.map { .string($0.rawValue) })),
            ("missed", .array(r.missedBranches.map { .string($0.branch.rawValue) })),
        ])
    }
}
