import Foundation
import SlabSpec
import Testing

/// Only a regular file is read as a spec: a FIFO with no writer would block for ever.
@Suite struct SpecFileKindTests {
    @Test func aFIFOGivenAsASpecIsRefusedAtOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString).spec").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        do {
            _ = try Spec.load(path: path)
            Issue.record("a FIFO was read as a spec")
        } catch {
            #expect(
                error.description == "\(path): error: cannot read spec: not a regular file (a pipe, socket or device?)")
        }
    }
}
