import Foundation
import Replay
import SlabModel
import TestSupport
import Testing

@Suite("Lockstep differential: model vs real allocator")
struct LockstepTests {
    static let seed: UInt64 = 0x51AB_C4EC_2026

    /// Steps per configuration: 12,500 × 8 configurations = 100,000 steps for the seed (about 20 s
    /// in a debug build on two cores). `SLABCHECK_LOCKSTEP_STEPS` overrides it;
    /// `slabcheck differential --steps N` runs the same from the command line.
    static let stepsPerSubject = Int(ProcessInfo.processInfo.environment["SLABCHECK_LOCKSTEP_STEPS"] ?? "") ?? 12_500

    /// A per-configuration seed derived from the suite's, printed with every failure.
    static func seed(for subject: LockstepSubject) -> UInt64 {
        subject.name.utf8.reduce(seed) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    @Test(
        "seed: random schedules never make the real allocator differ from the model",
        arguments: LockstepSubject.standard)
    func seedNeverDiverges(subject: LockstepSubject) throws {
        let seed = Self.seed(for: subject)
        let start = Date()
        let report = try Lockstep(subject: subject, variant: .seed, seed: seed).run(steps: Self.stepsPerSubject)
        let seconds = Date().timeIntervalSince(start)
        print(
            "lockstep \(subject.name) seed \(seed): \(report.steps) steps, \(report.episodes) episodes, \(String(format: "%.1f", seconds)) s, actions \(report.actionCounts.sorted { $0.key < $1.key })"
        )
        #expect(report.steps == Self.stepsPerSubject)
        #expect(report.divergences.isEmpty, "seed \(seed): \(report.divergences.first.map(\.description) ?? "")")
        #expect(report.violatingEpisodes == 0, "seed \(seed): the model reported a violation for the seed")
        // The schedules reach every kind of step the configuration has.
        var kinds: Set<String> = ["alloc", "growDone", "free", "irqAlloc", "irqFree", "reap"]
        if subject.configuration.migration { kinds.insert("migrate") }
        if !subject.configuration.tuning.isEmpty { kinds.insert("tune") }
        #expect(Set(report.actionCounts.keys) == kinds, "seed \(seed)")
    }

    @Test(
        "mutants: the real allocator departs from the model only at or after a step where the model reports a violation",
        arguments: Variant.allCases.filter { $0 != .seed })
    func mutantDivergesOnlyAfterViolation(variant: Variant) throws {
        var total = LockstepReport()
        for subject in LockstepSubject.standard {
            let seed = Self.seed(for: subject) ^ UInt64(variant.rawValue.utf8.count)
            let report = try Lockstep(subject: subject, variant: variant, seed: seed).run(steps: 1_000)
            for d in report.prematureDivergences { Issue.record("premature divergence: \(d)") }
            total.add(report)
        }
        print(
            "lockstep \(variant.rawValue): \(total.steps) steps, \(total.episodes) episodes, \(total.violatingEpisodes) with a model violation, \(total.divergences.count) divergences after one"
        )
        // The random schedules do meet the mutant's bug, so the assertion above is about something.
        #expect(total.violatingEpisodes > 0)
    }
}
