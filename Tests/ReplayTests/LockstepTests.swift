import Foundation
import Replay
import SlabModel
import Testing

@Suite("Lockstep differential: model vs real allocator")
struct LockstepTests {
    static let seed: UInt64 = 0x51AB_C4EC_2026

    /// Steps per configuration in the test suite; `slabcheck differential --steps 100000` runs the
    /// full count.
    static let stepsPerSubject = Int(ProcessInfo.processInfo.environment["SLABCHECK_LOCKSTEP_STEPS"] ?? "") ?? 2_000

    @Test("seed: random schedules never make the real allocator differ from the model", arguments: LockstepSubject.standard)
    func seedNeverDiverges(subject: LockstepSubject) throws {
        let seed = Self.seed &+ UInt64(subject.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF)
        let start = Date()
        let report = try Lockstep(subject: subject, variant: .seed, seed: seed).run(steps: Self.stepsPerSubject)
        print("lockstep \(subject.name) seed \(seed): \(report.steps) steps, \(report.episodes) episodes in \(Date().timeIntervalSince(start))s")
        #expect(report.steps == Self.stepsPerSubject)
        #expect(report.divergences.isEmpty, "seed \(seed): \(report.divergences.first.map(\.description) ?? "")")
        #expect(report.violatingEpisodes == 0, "seed \(seed): the model reported a violation for the seed")
    }
}
