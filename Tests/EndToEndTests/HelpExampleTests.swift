import Foundation
import TestSupport
import Testing

/// Every example a `--help` shows runs as written, from the package's root, and exits as the help
/// says: 0 unless the example's comment says `# exit N`. `bench` and `bench-symbolic` are left
/// out: their examples are release-build benchmarks of minutes each, which a test cannot run.
@Suite struct HelpExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var command: String
        var line: String
        var testDescription: String { line }

        /// The status the example's `# exit N` comment documents, else 0.
        var expectedStatus: Int32 {
            guard let comment = line.range(of: "# exit ") else { return 0 }
            return Int32(line[comment.upperBound...].prefix { $0.isNumber }) ?? 0
        }
    }

    static let commands = ["", "check", "show", "replay", "random", "differential"]

    /// The example lines of each command's `--help`.
    static var examples: [Example] {
        var found: [Example] = []
        for command in commands {
            guard let run = try? runSlabcheck(command.isEmpty ? ["--help"] : [command, "--help"]) else { continue }
            let lines = run.stdout.components(separatedBy: "\n")
            guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Examples:" }) else {
                continue
            }
            for line in lines[(start + 1)...] {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { break }
                found.append(Example(command: command, line: text))
            }
        }
        return found
    }

    @Test func everyCommandShowsExamples() {
        for command in Self.commands {
            #expect(Self.examples.contains { $0.command == command }, "`slabcheck \(command) --help` shows no example")
        }
    }

    @Test(arguments: examples)
    func theExampleRunsAndExitsAsDocumented(_ example: Example) throws {
        try #require(example.line.hasPrefix("slabcheck "), "an example wrapped at 80 columns: \(example.line)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", example.line]
        process.currentDirectoryURL = packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] =
            slabcheck.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(
            process.terminationStatus == example.expectedStatus,
            "\(example.line): exit \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
    }
}
