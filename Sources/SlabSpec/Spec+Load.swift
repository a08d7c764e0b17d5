import Foundation

extension Spec {
    /// The largest file `load` will read. A spec is a few hundred bytes; the cap keeps a wrong
    /// path (a disk image) from exhausting memory.
    public static let maximumFileSize = 64 << 20

    /// Reads and parses the spec at `path`.
    ///
    /// A missing, unreadable or oversized file is a `SpecError` without a line, so callers handle
    /// every failure the same way.
    public static func load(path: String) throws(SpecErrors) -> Spec {
        func fail(_ message: String) -> SpecErrors {
            SpecErrors([SpecError(path: path, location: nil, message: message)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("cannot read spec: no such file")
        }
        guard !isDirectory.boolValue else { throw fail("cannot read spec: it is a directory") }
        // Opening a FIFO with no writer blocks for ever, and a device never ends: only a regular
        // file (or a link to one) is read.
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw fail("cannot read spec: not a regular file (a pipe, socket or device?)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw fail("cannot read spec: the file cannot be opened (permissions?)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw fail("cannot read spec: \(error.localizedDescription)")
        }
        guard data.count <= maximumFileSize else {
            throw fail("cannot read spec: larger than \(maximumFileSize >> 20) MiB, so not a spec")
        }
        return try parse(bytes: data, path: path)
    }
}
