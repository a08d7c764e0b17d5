import ArgumentParser
import Foundation
import ModelKit
import SlabChecker
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

            On a terminal, a progress line (states, states/s, depth, queue, elapsed, memory) is \
            redrawn on stderr at most four times a second; --quiet, or stderr not a terminal, turns \
            it off.

            Examples:
              slabcheck check Specs/tiny.spec
              slabcheck check --coverage Specs/tiny.spec Specs/small.spec Specs/tuning.spec
              slabcheck check --max-seconds 60 Specs/large.spec
              slabcheck check --engine bmc --depth 8 Specs/shared-wrong-end.spec
              slabcheck check --json --out /tmp/traces Specs/*.spec
            """)

    @Argument(help: "Spec files to check.")
    var specs: [String]

    @Option(help: "The engine: explicit (exhaustive breadth-first search), bmc (Z3 bounded model checking), induction (Z3 k-induction), or all (every engine; they must agree).")
    var engine: String = "explicit"

    @Option(parsing: .unconditional, help: "bmc: the deepest unrolling; induction: the largest k (at least 1).")
    var depth: Int = 10

    @Option(parsing: .unconditional, help: "Seconds the Z3 engines may take per spec (a timeout ends bounded or unknown).")
    var timeout: Double?

    @OptionGroup var budgets: BudgetOptions

    @Option(help: "Folder for counterexample traces.")
    var out = "Counterexamples"

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    @Flag(help: "Print verdicts only, not the counterexamples' steps, and no progress line.")
    var quiet = false

    @Flag(help: "Print which branches of the refill and its surroundings the search reached (explicit engine).")
    var coverage = false

    mutating func validate() throws {
        guard ["explicit", "bmc", "induction", "all"].contains(engine) else {
            throw ValidationError("unknown engine '\(engine)': the engines are: explicit, bmc, induction, all")
        }
        if depth < 0 { throw ValidationError("--depth must be at least 0") }
        if depth == 0, engine == "induction" || engine == "all" {
            throw ValidationError("--engine \(engine) needs --depth 1 or more: induction with k = 0 has no step case to prove")
        }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        var parsed: [Spec] = []
        var bad = false
        for path in specs {
            do {
                parsed.append(try Spec.load(path: path))
            } catch {
                complain(error.description)
                bad = true
            }
        }
        if bad { throw ExitCode(2) }
        SignalStop.install()
        var results: [SpecResult] = []
        var unwritten = false
        for spec in parsed where Interruption.signal == nil {
            let request = CheckRequest(
                spec: spec, maxStates: budgets.maxStates, maxSeconds: budgets.maxSeconds, maxDepth: budgets.maxDepth,
                memoryBytes: budgets.memoryBytes, threads: budgets.threads ?? ProcessInfo.processInfo.activeProcessorCount,
                symmetry: budgets.noSymmetry ? .none : .all)
            let engines = engine == "all" ? ["explicit", "bmc", "induction"] : [engine]
            var ran: [SpecResult] = []
            for name in engines where ran.isEmpty || Interruption.signal == nil {
                var result: SpecResult
                var notes: [String] = []
                do {
                    if let symbolic = SymbolicRun.Engine(rawValue: name) {
                        let outcome = try SymbolicRun.check(request, engine: symbolic, depth: depth, timeout: timeout)
                        result = outcome.result
                        notes = outcome.notes
                    } else {
                        result = try ExplicitRun.check(
                            request, progress: ProgressReporter.callback(label: spec.name, enabled: !quiet))
                        ProgressReporter.finish(enabled: !quiet)
                    }
                } catch {
                    complain("\(spec.path): error (\(name) engine): \(error)")
                    throw ExitCode(2)
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
        }
        if json { print(ReportJSON.render(results).rendered()) }
        if let status = SignalStop.exitStatus { throw ExitCode(status) }
        if unwritten { throw ExitCode(2) }
        if !results.allSatisfy(\.meetsExpectation) { throw ExitCode(1) }
    }
}
