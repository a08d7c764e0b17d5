import Foundation
import Testing

/// The package's root, found from this file, so tests read the shipped specs.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func spec(_ name: String) -> String { packageRoot.appendingPathComponent("Specs/\(name).spec").path }

/// The `slabcheck` executable built beside this test bundle.
let slabcheck: URL = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = bundle.deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("slabcheck").path), dir.path != "/" {
        dir = dir.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("slabcheck")
}()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `slabcheck` with `arguments` in the package root.
func runSlabcheck(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = slabcheck
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// A fresh temporary folder for one test's files.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("slabcheck-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
