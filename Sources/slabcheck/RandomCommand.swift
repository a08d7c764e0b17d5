import ArgumentParser
import Foundation
import Replay
import SlabChecker
import SlabModel
import SlabProperty
import SlabReport
import SlabSpec
import SlabTrace

struct RandomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "random",
        abstract:
            "Property-based testing of the real allocator: random schedules in lockstep with the model, failures shrunk.",
        discussion: """
            Each run takes up to --steps random steps (uniform among the model's enabled actions) on \
            the spec's configuration and variant, on the model and the real allocator at once. After \
            every step every property is judged (the model's and the spec's own `property:` lines) and \
            the two states are compared. The first failure is shrunk (fewest steps, then the smallest \
            arguments), printed with the seed that repeats it, and written as an ITF trace.

            The spec's `expect:` line is honoured as `check` honours it: a spec that expects \
            `violates P` meets it when a run breaks P (the shrunk run is still printed and written), \
            and does not when every run passes.

            Exit status: 0 when the runs met the spec's expectation (every run passed, or a run \
            broke the property it expects broken), 1 when they did not, 2 for bad input.

            Examples:
              slabcheck random Specs/small.spec --runs 100 --steps 50
              slabcheck random Specs/shared-wrong-end.spec --runs 500 --seed 7 --out /tmp
            """)

    @Argument(help: "The spec whose configuration, variant and properties to test.")
    var spec: String

    @Option(help: "Random schedules to run.")
    var runs = 100

    @Option(help: "Steps per schedule.")
    var steps = 50

    @Option(help: "The generator's seed; a failure prints the seed that repeats it with --runs 1.")
    var seed: UInt64 = 0x51AB_C4EC_2026

    @Option(help: "Folder for the shrunk trace.")
    var out = "Counterexamples"

    mutating func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
    }

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    func run() throws {
        let loaded: Spec
        let model: PropertyModel
        do {
            loaded = try Spec.load(path: spec)
            model = try PropertyModel(
                SlabModel(configuration: loaded.configuration, variant: loaded.variant),
                properties: loaded.userProperties.map(\.property))
        } catch {
            complain("\(error)")
            if json, let errors = error as? SpecErrors { print(ReportJSON.render([], errors: [errors]).rendered()) }
            throw ExitCode(2)
        }
        let testing = RandomTesting(model: model, runs: runs, steps: steps, seed: seed)
        let report: RandomTesting.Report
        do {
            report = try testing.run()
        } catch {
            complain("\(spec): \(error)")
            throw ExitCode(2)
        }
        let expectation = loaded.expectation
        var path: String?
        if let found = report.found {
            let written = (out as NSString).appendingPathComponent("random-\(loaded.name)-\(found.seed).itf.json")
            do {
                let trace = try testing.trace(found, spec: spec).get()
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try (trace.itf.rendered() + "\n").write(toFile: written, atomically: true, encoding: .utf8)
            } catch {
                complain("cannot write \(written): \(error)")
                throw ExitCode(2)
            }
            path = written
        }
        let met: Bool =
            switch (report.found?.failure, expectation.violatedName) {
            case (nil, nil): true
            case (.property(let names)?, let expected?): names.contains(expected)
            default: false
            }
        if json {
            print(jsonReport(loaded, report, trace: path, met: met).rendered())
        } else {
            print(text(loaded, report, trace: path, met: met))
        }
        if !met { throw ExitCode(1) }
    }

    func text(_ loaded: Spec, _ report: RandomTesting.Report, trace: String?, met: Bool) -> String {
        let expectation = loaded.expectation
        guard let found = report.found else {
            let line =
                "\(spec): \(loaded.variant.rawValue): \(report.runs) runs, \(report.steps) steps, seed \(seed): every property held, no divergence"
            return expectation == .holds ? line : line + "\n  expected \(expectation.text): NOT MET (no run broke it)"
        }
        return
            "\(spec): \(loaded.variant.rawValue): run \(found.run + 1) of the \(runs) asked for failed: \(found.failure)\n"
            + "  found in \(found.original.count) steps, shrunk to \(found.shrunk.count): "
            + found.shrunk.map(\.description).joined(separator: ", ") + "\n"
            + "  reproduce: slabcheck random \(spec) --runs 1 --steps \(steps) --seed \(found.seed)\n"
            + (trace.map { "  trace: \($0)\n" } ?? "")
            + "  expected \(expectation.text): " + (met ? "met" : "NOT MET")
    }

    /// Seeds are strings: a 64-bit seed is past what a JSON reader's doubles hold exactly.
    func jsonReport(_ loaded: Spec, _ report: RandomTesting.Report, trace: String?, met: Bool) -> JSON {
        var failure: JSON = .null
        if let found = report.found {
            var members: [(String, JSON)] = [("run", .number(found.run + 1)), ("seed", .string(String(found.seed)))]
            switch found.failure {
            case .property(let names):
                members += [("kind", .string("property")), ("properties", .array(names.map(JSON.string)))]
            case .divergence(let d):
                members += [("kind", .string("divergence")), ("difference", .string(d.description))]
            }
            members += [
                ("foundInSteps", .number(found.original.count)),
                ("shrunk", .array(found.shrunk.map { .string($0.description) })),
                ("trace", trace.map(JSON.string) ?? .null),
            ]
            failure = .object(members)
        }
        return .object([
            ("spec", .string(spec)), ("variant", .string(loaded.variant.rawValue)), ("seed", .string(String(seed))),
            ("runsAsked", .number(runs)), ("runs", .number(report.runs)), ("steps", .number(report.steps)),
            ("failure", failure), ("expected", .string(loaded.expectation.text)), ("met", .bool(met)),
        ])
    }
}
