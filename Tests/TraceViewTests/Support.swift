import Foundation
import SlabTrace

/// The package's root, found from this file, so tests read the committed counterexamples.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Every committed counterexample trace, by file name.
let committedTraces: [String] = {
    let folder = packageRoot.appendingPathComponent("Counterexamples").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".itf.json") }.sorted()
}()

func committedTrace(_ name: String) throws -> SlabTrace {
    try SlabTrace.read(path: packageRoot.appendingPathComponent("Counterexamples/\(name)").path)
}
