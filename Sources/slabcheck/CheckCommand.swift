import ArgumentParser
import Foundation
import ModelKit
import SlabChecker
import SlabReport
import SlabSpec
import SlabTrace

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check specs: a verdict per property, and a counterexample for each violation.",
        discussion: """
            Each violated property's shortest counterexample is printed step by step and written \
            to the output folder as an ITF trace (<spec name>-<property>.itf.json).

            With --coverage, each spec's report also says which branches of the refill and its \
            surroundings the search reached (shared-hit, retry-after-grow, …) and how many explored \
            transitions took each. A spec's `cover:` line names branches that must be reached: a \
            check that never reaches one does not meet its expectation. Only the explicit engine \
            measures coverage; the Z3 engines say so.

            On a terminal, a progress line is redrawn on stderr: for the explicit engine (states, \
            states/s, depth, queue, elapsed, memory) at most four times a second, for the Z3 engines \
            (depth or k, the property being checked, the last check's time, elapsed, memory) at \
            each check. --quiet, or stderr not a terminal, turns it off.

            --json prints one JSON document: an entry per spec, a bad spec's with its errors (file, \
            line, column, message). --junit writes JUnit XML: a test suite per spec, a test case per \
            property and one for the spec's expectation.

            Exit status: 0 when every spec met its expectation, 1 when one did not (a search a \
            budget cut short included: it is not judged), 2 for bad input or an engine error, 3 when \
            the engines disagree.

            Examples:
              slabcheck check Specs/tiny.spec
              slabcheck check --coverage Specs/tiny.spec Specs/small.spec Specs/tuning.spec
              slabcheck check --max-states 2000 Specs/medium.spec   # exit 1: bounded
              slabcheck check --engine bmc --depth 8 --out /tmp Specs/stale-ac.spec
              slabcheck check --json --junit /tmp/r.xml Specs/tiny.spec Specs/stale-ac.spec
              slabcheck check --property 'tidy = freeObjects <= 4' Specs/tiny.spec
              slabcheck check --property conservation --expect holds Specs/tiny.spec
            """)

    @Argument(help: "Spec files to check.")
    var specs: [String]

    @Option(
        help:
            "The engine: explicit (exhaustive breadth-first search), bmc (Z3 bounded model checking), induction (Z3 k-induction), or all (every engine; they must agree)."
    )
    var engine: EngineChoice = .explicit

    @Option(parsing: .unconditional, help: "bmc: the deepest unrolling; induction: the largest k (at least 1).")
    var depth: Int = 10

    @Option(
        parsing: .unconditional, help: "Seconds the Z3 engines may take per spec (a timeout ends bounded or unknown).")
    var timeout: Double?

    @OptionGroup var budgets: BudgetOptions

    @Option(help: "Folder for counterexample traces.")
    var out = "Counterexamples"

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Check this property instead of the spec's `check:` (repeatable): a built-in name, a `property:` line's name, or `name = expression`.",
            valueName: "name|expr"))
    var property: [String] = []

    @Option(
        help: ArgumentHelp(
            "Expect this instead of the spec's `expect:`: holds, or 'violates <name>'.", valueName: "expectation"))
    var expect: String?

    @Option(help: "Also write a JUnit XML report to this file: a test case per spec and property.")
    var junit: String?

    @Flag(help: "Print verdicts only, not the counterexamples' steps, and no progress line.")
    var quiet = false

    @Flag(help: "Print which branches of the refill and its surroundings the search reached (explicit engine).")
    var coverage = false

    mutating func validate() throws {
        if depth < 0 { throw ValidationError("--depth must be at least 0") }
        if depth == 0, engine.engines.contains(.induction) {
            throw ValidationError(
                "--engine \(engine.rawValue) needs --depth 1 or more: induction with k = 0 has no step case to prove")
        }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        var parsed: [Spec] = []
        var errors: [SpecErrors] = []
        for path in specs {
            do {
                parsed.append(try Spec.load(path: path).overriding(properties: property, expect: expect))
            } catch {
                complain(error.description)
                errors.append(error)
            }
        }
        // Reports for machines cover every spec, the bad ones as errors; text stops at bad input.
        if !errors.isEmpty && !json && junit == nil { throw ExitCode(2) }
        SignalStop.install()
        var results: [SpecResult] = []
        /// One result per spec: with `--engine all`, what the engines establish together.
        var judged: [SpecResult] = []
        var unwritten = false
        for spec in parsed where Interruption.signal == nil {
            let request = CheckRequest(
                spec: spec, maxStates: budgets.maxStates, maxSeconds: budgets.maxSeconds, maxDepth: budgets.maxDepth,
                memoryBytes: budgets.memoryBytes,
                threads: budgets.threads ?? ProcessInfo.processInfo.activeProcessorCount,
                symmetry: budgets.noSymmetry ? .none : .all)
            var ran: [SpecResult] = []
            for engine in engine.engines where ran.isEmpty || Interruption.signal == nil {
                var result: SpecResult
                var notes: [String] = []
                do {
                    // Erased on every way out, so that an error's message starts on a clean line.
                    defer { ProgressReporter.finish(enabled: !quiet) }
                    let outcome = try Checking.check(
                        request, engine: engine, depth: depth, timeout: timeout,
                        progress: ProgressReporter.callback(label: spec.name, enabled: !quiet && engine == .explicit),
                        symbolicProgress: ProgressReporter.symbolicCallback(
                            label: spec.name, engine: engine, enabled: !quiet && engine != .explicit))
                    result = outcome.result
                    notes = outcome.notes
                } catch {
                    complain("\(spec.path): error (\(engine.rawValue) engine): \(error)")
                    guard json || junit != nil else { throw ExitCode(2) }
                    errors.append(
                        SpecErrors([
                            SpecError(path: spec.path, location: nil, message: "\(engine.rawValue) engine: \(error)")
                        ]))
                    continue
                }
                TraceFiles.write(&result, to: out)
                for failure in result.properties.compactMap(\.traceWriteFailure) {
                    complain("\(spec.path): error: \(failure)")
                    unwritten = true
                }
                if !json {
                    print(ReportText.render(result, coverage: coverage))
                    for note in notes { print("  " + note) }
                    if !quiet {
                        for trace in result.properties.compactMap(\.trace) { print(TraceText.render(trace)) }
                    }
                }
                ran.append(result)
                results.append(result)
            }
            var disagree: [String] = []
            for i in ran.indices {
                for j in ran.indices where j > i { disagree += SymbolicRun.disagreements(ran[i], ran[j]) }
            }
            if !disagree.isEmpty, Interruption.signal == nil {
                for d in disagree { complain("\(spec.path): BUG IN SLABCHECK: the engines disagree: \(d)") }
                throw ExitCode(3)
            }
            if let together = SpecResult.combined(ran) {
                if ran.count > 1, !json { print(ReportText.render(together: together, from: ran)) }
                judged.append(together)
            }
        }
        if json { print(ReportJSON.render(results, errors: errors).rendered()) }
        if let junit {
            do {
                try ReportJUnit.render(results, errors: errors).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                complain("\(junit): cannot write the JUnit report: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        if let status = SignalStop.exitStatus { throw ExitCode(status) }
        if !errors.isEmpty || unwritten { throw ExitCode(2) }
        if !judged.allSatisfy(\.meetsExpectation) { throw ExitCode(1) }
    }
}
