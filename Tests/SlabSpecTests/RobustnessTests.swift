import Foundation
import ModelKit
import SlabModel
import SlabSpec
import Testing

/// Whatever the input, the parser answers with errors: it never traps, crashes or hangs.
@Suite struct RobustnessTests {
    @Test func emptyFileReportsEveryRequiredKeyAtLineOne() {
        let found = errors("")
        #expect(found.count == 8)
        #expect(found.allSatisfy { $0.location == at(1, 1) && $0.message.hasPrefix("missing required key") })
    }

    @Test func commentsAndWhitespaceOnlyIsAnEmptySpec() {
        #expect(errors("# nothing\n   \n\t# here\n").count == 8)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func binaryGarbageGivesBoundedErrors(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let found = errors(bytes: bytes)
        #expect(!found.isEmpty)
        #expect(found.count <= 101)
        #expect(found.allSatisfy { $0.description.count < 1000 })
    }

    @Test func invalidUTF8IsReportedAtTheFirstBadByte() {
        var bytes = Array(specText().utf8)
        // Line 9 is `variant: seed`; corrupt the `e` of `seed` (column 12).
        let line9 = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[7] + 1
        bytes[line9 + 11] = 0xFF
        bytes += [0xC3, UInt8(ascii: "\n")]
        let found = errors(bytes: bytes)
        #expect(hasError(found, at: at(9, 12), containing: "not valid UTF-8: 2 malformed byte sequence(s)"))
        #expect(hasError(found, at: at(9, 10), containing: "unknown variant `se\u{FFFD}d`"))
    }

    @Test func leadingByteOrderMarkIsIgnoredAndTakesNoColumn() throws {
        #expect(try Spec.parse("\u{FEFF}" + specText(), path: "a.spec").configuration.cpus == 2)
        let found = errors(bytes: [0xEF, 0xBB, 0xBF] + Array(specText(["cpus": "x"]).utf8))
        #expect(found.map(\.location) == [at(1, 7)])
    }

    @Test func nulBytesAreShownEscaped() {
        let found = errors(specText(adding: ["\u{0}\u{1}: 1"]))
        #expect(hasError(found, at: at(12, 1), containing: "unknown key `\\u{0}\\u{1}`"))
    }

    @Test func millionCharacterKeyIsReportedWithAShortMessage() {
        let found = errors(specText(adding: [String(repeating: "a", count: 1_000_000) + ": 1"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 1), containing: "unknown key `aaaa"))
        #expect((found.first?.message.count ?? .max) < 1000)
    }

    @Test(arguments: ["cpus", "check", "tune", "bound", "expect", "name"])
    func millionCharacterValueIsAnErrorNotAHang(key: String) {
        let huge = String(repeating: "9", count: 1_000_000)
        let value = key == "tune" || key == "bound" ? "depth=\(huge)" : huge
        let found = errors(specText(without: [key], adding: ["\(key): \(value)", "events: tuning"]))
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.message.count < 1000 })
    }

    @Test func millionDigitSecondsIsOutOfRange() {
        let found = errors(specText(adding: ["bound: seconds=" + String(repeating: "9", count: 1_000_000)]))
        #expect(hasError(found, at: at(12, 16), containing: "out of range for `seconds`"))
    }

    @Test func floodOfBadLinesStopsAfterTheErrorLimit() {
        let found = errors(Array(repeating: "what?", count: 10_000).joined(separator: "\n"))
        #expect(found.count == 101)
        #expect(found.last?.message == "too many errors; stopped after 100")
    }

    @Test func missingFileIsAClearErrorWithoutALine() {
        let path = "/nonexistent/dir/tiny.spec"
        #expect(throws: SpecErrors.self) { try Spec.load(path: path) }
        do {
            _ = try Spec.load(path: path)
        } catch {
            #expect(error.errors.map(\.description) == ["\(path): error: cannot read spec: no such file"])
        }
    }

    @Test func directoryIsAClearError() throws {
        do {
            _ = try Spec.load(path: NSTemporaryDirectory())
            Issue.record("a directory parsed as a spec")
        } catch {
            #expect(error.errors.first?.message.contains("directory") == true)
        }
    }

    @Test func loadReadsTheFileAndNamesTheSpecAfterIt() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("slabspec-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("two-cpus.spec")
        try Data(specText().utf8).write(to: file)
        let spec = try Spec.load(path: file.path)
        #expect(spec.name == "two-cpus")
        #expect(spec.path == file.path)
    }
}
