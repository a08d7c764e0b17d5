import SlabChecker
import SlabSpec
import SlabTrace

/// The machine-readable report of `check --json`: one document, an array with an entry per spec,
/// the checked ones with their verdicts and the bad ones with their errors, so that a pipeline
/// reads one spec's mistake without losing the others' verdicts.
public enum ReportJSON {
    public static func render(_ results: [SpecResult], errors: [SpecErrors] = []) -> JSON {
        .array(results.map(spec) + errors.map(bad))
    }

    /// A spec that could not be checked: each error with its file, line and column (null when it
    /// concerns the file as a whole).
    static func bad(_ errors: SpecErrors) -> JSON {
        .object([
            ("spec", .string(errors.errors.first?.path ?? "")),
            ("met", .bool(false)),
            (
                "errors",
                .array(
                    errors.errors.map { e in
                        .object([
                            ("file", .string(e.path)), ("line", e.location.map { .number($0.line) } ?? .null),
                            ("column", e.location.map { .number($0.column) } ?? .null), ("message", .string(e.message)),
                        ])
                    })
            ),
        ])
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
            ("outcome", outcome(r.outcome)),
            (
                "properties",
                .array(
                    r.properties.map { p in
                        var members: [(String, JSON)] = [
                            ("property", .string(p.property)), ("verdict", .string(p.verdict.word)),
                        ]
                        if case .violated(let depth) = p.verdict { members.append(("steps", .number(depth))) }
                        if let why = p.verdict.explanation { members.append(("reason", .string(why))) }
                        if p.dividesByZero { members.append(("dividesByZero", .bool(true))) }
                        if let file = p.traceFile { members.append(("trace", .string(file))) }
                        if let failure = p.traceWriteFailure {
                            members.append(
                                (
                                    "traceWriteError",
                                    .object([("path", .string(failure.path)), ("message", .string(failure.reason))])
                                ))
                        }
                        return .object(members)
                    })
            ),
            ("coverage", coverage(r)),
            (
                "statistics",
                .object([
                    ("distinctStates", .number(s.distinctStates)), ("transitions", .number(s.transitions)),
                    ("depth", .number(s.depth)), ("seconds", .decimal(s.seconds)),
                    ("statesPerSecond", .number(Int(s.statesPerSecond))),
                    ("peakMemoryBytes", .number(s.peakMemoryBytes)),
                    ("bytesPerPackedState", .number(s.wordsPerState * 8)),
                    ("renamedKinds", .array(s.symmetry.kindNames.map(JSON.string))),
                ])
            ),
        ])
    }

    static func outcome(_ o: ExpectationOutcome) -> JSON {
        switch o {
        case .met: .object([("kind", .string("met"))])
        case .notMet: .object([("kind", .string("not met"))])
        case .notJudged(let reason): .object([("kind", .string("not judged")), ("reason", .string(reason))])
        }
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
