import Foundation

/// The shipped inputs that mutations start from: `Specs/*.spec` and `Counterexamples/*.itf.json`
/// under a package root, read once.
public struct FuzzCorpus: Sendable {
    public var specs: [String]
    public var traces: [String]
    /// The spec a property expression is put in: the smallest shipped configuration, so that a
    /// check of it is quick.
    public var propertyHost: String

    public init(specs: [String], traces: [String], propertyHost: String) {
        self.specs = specs
        self.traces = traces
        self.propertyHost = propertyHost
    }

    /// Reads the corpus under `root`; nil when it lacks specs, traces or `Specs/tiny.spec`.
    public init?(root: String) {
        func texts(_ folder: String, _ suffix: String) -> [String] {
            let path = (root as NSString).appendingPathComponent(folder)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter {
                $0.hasSuffix(suffix)
            }.sorted()
            return names.compactMap {
                try? String(contentsOfFile: (path as NSString).appendingPathComponent($0), encoding: .utf8)
            }
        }
        let specs = texts("Specs", ".spec")
        let traces = texts("Counterexamples", ".itf.json")
        let tiny = (root as NSString).appendingPathComponent("Specs/tiny.spec")
        guard !specs.isEmpty, !traces.isEmpty, let host = try? String(contentsOfFile: tiny, encoding: .utf8) else {
            return nil
        }
        self.init(specs: specs, traces: traces, propertyHost: host)
    }
}
