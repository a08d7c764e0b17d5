import ArgumentParser
import Foundation
import SlabChecker
import SlabReport
import SlabSpec

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the explicit engine: states, states/s, memory, and what symmetry saves.",
        discussion: """
            Runs each spec twice, with and without symmetry reduction, under the same budgets, and \
            prints the figures of both. Build with -c release for figures worth comparing.

            Examples:
              swift run -c release slabcheck bench Specs/small.spec
              swift run -c release slabcheck bench --max-seconds 600 Specs/medium.spec Specs/large.spec
              swift run -c release slabcheck bench --skip-plain --threads 1 --max-states 1000000 Specs/medium.spec
            """)

    @Argument(help: "Spec files to measure.")
    var specs: [String]

    @OptionGroup var budgets: BudgetOptions

    @Flag(help: "Only the run with symmetry reduction.")
    var skipPlain = false

    func run() throws {
        for path in specs {
            let spec: Spec
            do {
                spec = try Spec.load(path: path)
            } catch {
                complain(error.description)
                throw ExitCode(2)
            }
            print("\(spec.path) (\(spec.variant.rawValue)):")
            var modes = [true]
            if !skipPlain { modes.append(false) }
            var counts: [Bool: (states: Int, depth: Int, complete: Bool)] = [:]
            for symmetric in modes {
                let request = CheckRequest(
                    spec: spec, maxStates: budgets.maxStates, maxSeconds: budgets.maxSeconds,
                    maxDepth: budgets.maxDepth,
                    memoryBytes: budgets.memoryBytes,
                    threads: budgets.threads ?? ProcessInfo.processInfo.activeProcessorCount,
                    symmetry: symmetric ? .all : .none)
                let result = try ExplicitRun.check(
                    request, progress: ProgressReporter.callback(label: spec.name, enabled: true))
                ProgressReporter.finish(enabled: true)
                let s = result.statistics
                let how: String =
                    switch result.completion {
                    case .exhausted: "exhausted"
                    case .allViolated: "stopped: every property violated"
                    case .bounded(let reason): "bounded: \(reason)"
                    }
                print("  \(symmetric ? "with symmetry   " : "without symmetry"): \(ReportText.statistics(s)) [\(how)]")
                let bytesPerState = s.distinctStates > 0 ? Double(s.peakMemoryBytes) / Double(s.distinctStates) : 0
                print(String(format: "    %.1f bytes of peak memory per state", bytesPerState))
                counts[symmetric] = (s.distinctStates, s.depth, result.completion == .exhausted)
            }
            if let with = counts[true], let without = counts[false] {
                let note =
                    with.complete && without.complete
                    ? "" : " (at least one run bounded: the ratio is of states reached)"
                let ratio = String(format: "%.2f", Double(without.states) / Double(max(with.states, 1)))
                print("  symmetry reduction: \(with.states) vs \(without.states) states, \(ratio)x\(note)")
            }
        }
    }
}
