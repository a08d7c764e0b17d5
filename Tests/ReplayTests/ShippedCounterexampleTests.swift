import Foundation
import Replay
import SlabModel
import SlabTrace
import TestSupport
import Testing

/// The traces committed in Counterexamples/ (written by `slabcheck check` on the mutant specs)
/// reproduce on the real allocator at the step and property they record, and there is one for
/// every mutant.
@Suite struct ShippedCounterexampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Counterexamples")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".itf.json") }.sorted()
    }

    @Test func everyMutantHasACommittedCounterexample() throws {
        var variants = Set<Variant>()
        for file in Self.files {
            variants.insert(try SlabTrace.read(path: Self.folder.appendingPathComponent(file).path).origin.variant)
        }
        #expect(variants == Set(Variant.allCases.filter { $0 != .seed }))
    }

    @Test(arguments: files)
    func aCommittedCounterexampleReproducesOnTheRealAllocator(file: String) throws {
        let trace = try SlabTrace.read(path: Self.folder.appendingPathComponent(file).path)
        let property = try #require(trace.origin.property)
        let report = try Replayer.replay(trace)
        #expect(report.outcome == .reproduced(property: property, step: trace.steps.count), "\(report.outcome)")
        #expect(report.meetsRecord)
    }
}
