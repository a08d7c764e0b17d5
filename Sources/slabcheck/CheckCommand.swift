import ArgumentParser
import Foundation
import SlabChecker
import SlabSpec
import SlabTrace

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check specs: a verdict per property, and a counterexample for each violation.",
        discussion: """
            Each violated property's shortest counterexample is printed step by step and written
            to the output folder as an ITF trace (<spec name>-<property>.itf.json).

            Examples:
              slabcheck check Specs/tiny.spec
              slabcheck check --max-seconds 60 Specs/large.spec
              slabcheck check --json --out /tmp/traces Specs/*.spec
            """)

    @Argument(help: "Spec files to check.")
    var specs: [String]

    @Option(help: "The engine: explicit (exhaustive breadth-first search).")
    var engine: String = "explicit"

    @OptionGroup var budgets: BudgetOptions

    @Option(help: "Folder for counterexample traces.")
    var out = "Counterexamples"

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    @Flag(help: "Print verdicts only, not the counterexamples' steps.")
    var quiet = false

    mutating func validate() throws {
        guard engine == "explicit" else {
            throw ValidationError("unknown engine '\(engine)': the engines are: explicit")
        }
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
        var results: [SpecResult] = []
        for spec in parsed {
            let request = CheckRequest(
                spec: spec, maxStates: budgets.maxStates, maxSeconds: budgets.maxSeconds, maxDepth: budgets.maxDepth,
                memoryBytes: budgets.memoryBytes, threads: budgets.threads ?? ProcessInfo.processInfo.activeProcessorCount,
                symmetry: !budgets.noSymmetry)
            var result: SpecResult
            do {
                result = try ExplicitRun.check(request)
                try TraceFiles.write(&result, to: out)
            } catch {
                complain("\(spec.path): error: \(error)")
                throw ExitCode(2)
            }
            if !json {
                print(ReportText.render(result))
                if !quiet {
                    for trace in result.properties.compactMap(\.trace) { print(TraceText.render(trace)) }
                }
            }
            results.append(result)
        }
        if json { print(ReportJSON.render(results).rendered()) }
        if !results.allSatisfy(\.meetsExpectation) { throw ExitCode(1) }
    }
}
