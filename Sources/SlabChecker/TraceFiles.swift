import Foundation
import SlabTrace

/// Writes counterexamples where users look for them, one ITF file per spec and property.
public enum TraceFiles {
    /// Writes every trace in `result` under `directory`, and records each file's path, or why it
    /// could not be written. A write that fails costs only its file: the verdict and the trace
    /// stay in `result` for the report, and the other traces are still written.
    public static func write(_ result: inout SpecResult, to directory: String) {
        let folderFailure = makeFolder(directory)
        for i in result.properties.indices {
            guard let trace = result.properties[i].trace else { continue }
            let name = "\(safe(result.spec.name))-\(result.properties[i].property).itf.json"
            let path = (directory as NSString).appendingPathComponent(name)
            if let folderFailure {
                result.properties[i].traceWriteFailure = TraceWriteFailure(path: path, reason: folderFailure)
                continue
            }
            do {
                try (trace.itf.rendered() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
                result.properties[i].traceFile = path
            } catch {
                result.properties[i].traceWriteFailure = TraceWriteFailure(path: path, reason: reason(error))
            }
        }
    }

    /// Creates `directory` unless it exists; nil when it is there to write in, else why not.
    static func makeFolder(_ directory: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : "\(directory) is a file, not a folder"
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return nil
        } catch {
            return "cannot create the folder \(directory): \(reason(error))"
        }
    }

    /// The operating system's own words for a failed write (`Permission denied`, `File name too
    /// long`), rather than Foundation's domain and code.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteNoPermission: return "Permission denied"
        case .fileWriteOutOfSpace: return "No space left on device"
        case .fileWriteVolumeReadOnly: return "Read-only file system"
        case .fileWriteInvalidFileName: return "File name too long or invalid"
        case .fileNoSuchFile, .fileWriteFileExists: return "No such file or directory"
        default: return "the file could not be written"
        }
    }

    /// A spec name made safe for a file name.
    static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
