import Foundation
import SlabTrace
import Testing

/// A trace that is not JSON says where it stops being JSON; a trace path that is no file says so.
@Suite struct TraceFileMessageTests {
    func message(_ text: String) -> String {
        do {
            _ = try SlabTrace(itfData: Data(text.utf8), file: "t.itf.json")
            return ""
        } catch {
            return error.description
        }
    }

    @Test func aJSONSyntaxErrorNamesItsLineAndColumn() {
        #expect(
            message("{\n  \"states\": [1,\n  2 3]\n}")
                == "t.itf.json: not JSON: line 3, column 5: expected `,` or `]` in an array, found `3`")
        #expect(message("{\"a\": tru}") == "t.itf.json: not JSON: line 1, column 10: expected `true`, found `}`")
        #expect(
            message("{\"a\": \"open")
                == "t.itf.json: not JSON: line 1, column 12: a string is not closed before the end of the file")
    }

    @Test func aTruncatedTraceSaysItEnds() {
        #expect(
            message("{\"states\": [")
                == "t.itf.json: not JSON: line 1, column 13: expected a JSON value, found the end of the file")
    }

    @Test func nestingPastTheLimitIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(message(deep) == "t.itf.json: not JSON: line 1, column 129: nested more than 128 deep")
    }

    @Test func aKeyTwiceInOneObjectIsRefused() {
        #expect(
            message("{\"a\": 1, \"a\": 2}")
                == "t.itf.json: not JSON: line 1, column 10: the key \"a\" appears twice in one object")
    }

    @Test func aFolderGivenAsATraceSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: TraceError.self) { try SlabTrace.read(path: folder) }
        do {
            _ = try SlabTrace.read(path: folder)
        } catch {
            #expect(error.description == "\(folder): cannot read the file: it is a folder, not a trace file")
        }
    }

    @Test func aFIFOGivenAsATraceIsRefusedAtOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        do {
            _ = try SlabTrace.read(path: path)
            Issue.record("a FIFO was read as a trace")
        } catch {
            #expect(error.description.contains("not a regular file"))
        }
    }
}
