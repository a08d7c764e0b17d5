import Foundation

/// The package's root, found from this file, so tests read the shipped specs and traces.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The path of the shipped spec `Specs/<name>.spec`.
public func spec(_ name: String) -> String { packageRoot.appendingPathComponent("Specs/\(name).spec").path }

/// Every committed counterexample trace in `Counterexamples/`, by file name.
public let committedTraceNames: [String] = {
    let folder = packageRoot.appendingPathComponent("Counterexamples").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".itf.json") }.sorted()
}()

/// A fresh temporary folder for one test's files.
public func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("slabcheck-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
