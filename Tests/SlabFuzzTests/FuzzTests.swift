import Foundation
import SlabFuzz
import TestSupport
import Testing

/// The package's root, found from this file, so the fuzzer starts from the shipped specs and traces.

/// 2,000 mutated inputs of each kind, in this process: none may crash the test or take longer
/// than a hang's limit. A failure names the seed; `slabcheck fuzz --kind K --one SEED` replays it.
@Suite struct FuzzTests {
    @Test(arguments: FuzzKind.allCases)
    func twoThousandMutatedInputsEndInAResultOrAnErrorNeverACrashOrAHang(kind: FuzzKind) throws {
        let corpus = try #require(FuzzCorpus(root: packageRoot.path))
        let report = Fuzzer(corpus: corpus).run(kind, runSeed: 2026, count: 2000, slowAfter: 10)
        #expect(report.inputs == 2000)
        #expect(report.hangs.isEmpty, "\(report.summary)")
        #expect(
            report.accepted > 0 && report.accepted < report.inputs, "mutations both pass and fail: \(report.summary)")
    }

    @Test func anInputIsReproducibleFromItsSeed() throws {
        let fuzzer = Fuzzer(corpus: try #require(FuzzCorpus(root: packageRoot.path)))
        for kind in FuzzKind.allCases {
            let seed = Fuzzer.seeds(kind, runSeed: 7, count: 3)[2]
            #expect(fuzzer.input(kind, seed: seed).text == fuzzer.input(kind, seed: seed).text)
        }
    }
}
