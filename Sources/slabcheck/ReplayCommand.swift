import ArgumentParser
import Foundation
import Replay
import SlabModel
import SlabSpec
import SlabTrace

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay counterexample traces (ITF) on the real allocator and compare it with the model.",
        discussion: """
            Each trace is first re-run on the model: a trace whose recorded states the model does not \
            produce, or that takes a step the model does not allow, is refused. Then the real \
            allocator (Sources/CSlab), built with the trace's configuration and variant, runs the \
            same steps; after each one its state is read back and compared with the recorded one.

            Outcomes: "reproduced P at step k" (the real allocator breaks P, or hits the same \
            BUG_ON, at step k), "diverged at step k: <field> model=… real=…", "not reproduced", or, \
            for a trace that names no property, "matched the model at every step". Every step is \
            compared, the breaking one and any after it too: a reproduction whose real state differs \
            from the model's is reported with the first difference, and does not meet its record.

            Exit status: 0 when every trace's outcome is the one it records (a counterexample for P \
            reproduces P at the step that breaks it, in the model's state at every step), 1 \
            otherwise, 2 for bad input (unreadable file, \
            not ITF, unknown configuration or variant, impossible or tampered step).

            Examples:
              slabcheck replay Counterexamples/shared-wrong-end-conservation.itf.json
              slabcheck replay --json Counterexamples/*.itf.json
            """)

    @Argument(help: "ITF trace files.")
    var files: [String]

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    func run() throws {
        var bad = false
        var allMet = true
        var entries: [JSON] = []
        for file in files {
            let trace: SlabTrace
            let report: ReplayReport
            do {
                trace = try SlabTrace.read(path: file)
                report = try Replayer.replay(trace, properties: try trace.userProperty(file: file).map { [$0] } ?? [])
            } catch let error as TraceError {
                complain("\(error.description)")
                entries.append(ReplayCommand.errorEntry(file, error.description))
                bad = true
                continue
            } catch let error as ReplayError {
                complain("\(file): \(error.description)")
                entries.append(ReplayCommand.errorEntry(file, error.description))
                bad = true
                continue
            }
            allMet = allMet && report.meetsRecord
            if json {
                entries.append(ReplayCommand.entry(file, trace, report))
            } else {
                print(ReplayCommand.text(file, trace, report))
            }
        }
        if json { print(JSON.array(entries).rendered()) }
        if bad { throw ExitCode(2) }
        if !allMet { throw ExitCode(1) }
    }

    static func text(_ file: String, _ trace: SlabTrace, _ report: ReplayReport) -> String {
        let what = trace.origin.property.map { "counterexample for \($0)" } ?? "run"
        var lines = [
            "\(file): \(what), variant \(trace.origin.variant.rawValue), \(trace.steps.count) steps: \(report.outcome)"
        ]
        if report.outcome != report.expected { lines.append("  expected: \(report.expected)") }
        if case .reproduced = report.outcome, let d = report.firstDifference {
            lines.append("  but the real state differs from the model's from step \(d.step): \(d.difference)")
        }
        return lines.joined(separator: "\n")
    }

    static func errorEntry(_ file: String, _ message: String) -> JSON {
        .object([("file", .string(file)), ("error", .string(message))])
    }

    static func entry(_ file: String, _ trace: SlabTrace, _ report: ReplayReport) -> JSON {
        var members: [(String, JSON)] = [
            ("file", .string(file)),
            ("variant", .string(trace.origin.variant.rawValue)),
            ("property", trace.origin.property.map(JSON.string) ?? .null),
            ("steps", .number(report.steps)),
            ("recordedStep", report.recordedStep.map(JSON.number) ?? .null),
        ]
        members.append(("outcome", outcome(report.outcome)))
        members.append(("meetsRecord", .bool(report.meetsRecord)))
        members.append(("firstDifference", report.firstDifference.map(divergence) ?? .null))
        return .object(members)
    }

    static func divergence(_ d: Divergence) -> JSON {
        .object([
            ("step", .number(d.step)), ("field", .string(d.difference.field)),
            ("model", .string(d.difference.expected)), ("real", .string(d.difference.actual)),
        ])
    }

    static func outcome(_ o: ReplayOutcome) -> JSON {
        switch o {
        case .reproduced(let property, let step):
            .object([("kind", .string("reproduced")), ("property", .string(property)), ("step", .number(step))])
        case .diverged(let d):
            .object([("kind", .string("diverged")), ("divergence", divergence(d))])
        case .notReproduced:
            .object([("kind", .string("not reproduced"))])
        case .matched(let steps):
            .object([("kind", .string("matched")), ("steps", .number(steps))])
        }
    }
}
