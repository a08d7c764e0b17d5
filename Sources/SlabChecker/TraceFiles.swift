import Foundation
import SlabTrace

/// Writes counterexamples where users look for them, one ITF file per spec and property.
public enum TraceFiles {
    /// Writes every trace in `result` under `directory`, and records each file's path.
    public static func write(_ result: inout SpecResult, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for i in result.properties.indices {
            guard let trace = result.properties[i].trace else { continue }
            let name = "\(safe(result.spec.name))-\(result.properties[i].property).itf.json"
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                try (trace.itf.rendered() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw TraceError("cannot write \(path): \(error.localizedDescription)")
            }
            result.properties[i].traceFile = path
        }
    }

    /// A spec name made safe for a file name.
    static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
