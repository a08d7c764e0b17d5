import ArgumentParser
import Foundation
import Replay
import SlabModel
import SlabTrace

struct DifferentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "differential",
        abstract: "Run random schedules on the model and the real allocator in lockstep and compare every step.",
        discussion: """
            The schedules pick uniformly among the model's enabled actions at each step, from a \
            seeded generator, over tiny, small, medium and large, each also with a tuning triple \
            (the steps are split evenly among them). For the seed every divergence is a \
            disagreement between the model and the real allocator; for a mutant, a divergence \
            before the model reports a violation is one.

            Exit status: 0 when there is no such divergence, 1 when there is, 2 for bad arguments.

            Examples:
              slabcheck differential --steps 10000
              slabcheck differential --variant grow-fail-irqs-on --steps 20000 --seed 7
            """)

    @Option(help: "Steps in all, split evenly among the configurations.")
    var steps = 100_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 0x51AB_C4EC_2026

    @Option(help: "The refill variant (seed or a mutant name).")
    var variant: Variant = .seed

    @Option(help: "Steps per episode before starting again from the initial state.")
    var episodeLength = 200

    @Option(help: "Only the configurations whose name starts with this (tiny, small, medium, large).")
    var only: String?

    @Option(help: "Write each divergent episode's model run to this folder as an ITF trace, for `slabcheck replay`.")
    var out: String?

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    mutating func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
        guard episodeLength >= 1 else { throw ValidationError("--episode-length must be at least 1") }
    }

    func run() throws {
        let subjects = LockstepSubject.standard.filter { only.map($0.name.hasPrefix) ?? true }
        guard !subjects.isEmpty else {
            complain("no configuration starts with '\(only ?? "")'")
            throw ExitCode(2)
        }
        let start = Date()
        var total = LockstepReport()
        var entries: [JSON] = []
        for (i, subject) in subjects.enumerated() {
            let share = steps / subjects.count + (i < steps % subjects.count ? 1 : 0)
            guard share > 0 else { continue }
            let subjectSeed = subject.name.utf8.reduce(seed) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
            let t0 = Date()
            let report: LockstepReport
            do {
                report = try Lockstep(
                    subject: subject, variant: variant, seed: subjectSeed, episodeLength: episodeLength
                )
                .run(steps: share)
            } catch {
                complain("\(subject.name): \(error)")
                throw ExitCode(2)
            }
            let seconds = Date().timeIntervalSince(t0)
            entries.append(
                .object([
                    ("configuration", .string(subject.name)), ("steps", .number(report.steps)),
                    ("episodes", .number(report.episodes)), ("seed", .string(String(subjectSeed))),
                    ("seconds", .decimal(seconds)),
                    ("violatingEpisodes", .number(report.violatingEpisodes)),
                    ("divergences", .number(report.divergences.count)),
                    ("beforeAViolation", .array(report.prematureDivergences.map { .string($0.description) })),
                ]))
            if !json {
                print(
                    "\(subject.name): \(report.steps) steps, \(report.episodes) episodes, seed \(subjectSeed), "
                        + String(format: "%.1f s, ", seconds)
                        + "\(report.violatingEpisodes) episodes with a model violation, \(report.divergences.count) divergences "
                        + "(\(report.prematureDivergences.count) before a model violation)")
                for d in report.divergences.prefix(3) {
                    print("  \(d.isPremature ? "DISAGREEMENT" : "after a violation"): \(d)")
                }
            }
            if let out {
                for d in report.divergences {
                    let path = (out as NSString).appendingPathComponent(
                        "\(String(subject.name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }))-\(variant.rawValue)-\(subjectSeed)-\(d.episode).itf.json"
                    )
                    do {
                        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                        try (d.trace(configuration: subject.configuration).itf.rendered() + "\n")
                            .write(toFile: path, atomically: true, encoding: .utf8)
                    } catch {
                        complain("cannot write \(path): \(error)")
                        throw ExitCode(2)
                    }
                }
            }
            total.add(report)
        }
        let seconds = Date().timeIntervalSince(start)
        if json {
            print(
                JSON.object([
                    ("variant", .string(variant.rawValue)), ("seed", .string(String(seed))),
                    ("steps", .number(total.steps)),
                    ("seconds", .decimal(seconds)), ("divergences", .number(total.divergences.count)),
                    ("beforeAViolation", .number(total.prematureDivergences.count)),
                    ("configurations", .array(entries)),
                ]).rendered())
        } else {
            print(
                "total: \(total.steps) steps in " + String(format: "%.1f", seconds)
                    + " s, variant \(variant.rawValue), seed \(seed): "
                    + "\(total.divergences.count) divergences, \(total.prematureDivergences.count) before a model violation"
            )
        }
        if !total.prematureDivergences.isEmpty { throw ExitCode(1) }
    }
}
