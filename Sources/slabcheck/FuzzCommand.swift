import ArgumentParser
import Foundation
import SlabFuzz

struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Feed mutated specs, property expressions and traces to slabcheck; report crashes and hangs.",
        discussion: """
            Inputs are mutations of the shipped Specs/*.spec and Counterexamples/*.itf.json (and \
            property expressions from the spec grammar), each reproducible from its seed. They run \
            in a worker process, so that a crash or a hang is caught, named by its seed, and the \
            run goes on with the next input.

            Examples:
              slabcheck fuzz --inputs 2000
              slabcheck fuzz --kind property --inputs 100000 --seed 7
              slabcheck fuzz --kind spec --one 1234567890
            """)

    @Option(help: "spec, property, trace, or all.")
    var kind: FuzzKindChoice = .all

    @Option(parsing: .unconditional, help: "Inputs of each kind.")
    var inputs: Int = 2000

    @Option(help: "The run's seed.")
    var seed: UInt64 = 1

    @Option(help: "The package root holding Specs/ and Counterexamples/.")
    var corpus: String = "."

    @Option(help: "Seconds after which an input counts as a hang.")
    var hangSeconds: Double = 10

    @Option(help: "Print the input of this seed and run it alone.")
    var one: UInt64?

    @Flag(help: .hidden)
    var worker = false

    @Option(help: .hidden)
    var from: Int = 0

    mutating func validate() throws {
        if inputs < 0 { throw ValidationError("--inputs must be at least 0") }
        if !(0...inputs).contains(from) { throw ValidationError("--from must be in 0...\(inputs)") }
        if !(hangSeconds > 0) { throw ValidationError("--hang-seconds must be positive") }
    }

    var kinds: [FuzzKind] { FuzzKind(rawValue: kind.rawValue).map { [$0] } ?? FuzzKind.allCases }

    func run() throws {
        guard let shipped = FuzzCorpus(root: corpus) else {
            complain("\(corpus): no Specs/*.spec, Specs/tiny.spec or Counterexamples/*.itf.json to start from")
            throw ExitCode(2)
        }
        let fuzzer = Fuzzer(corpus: shipped)
        if let one {
            for kind in kinds {
                let input = fuzzer.input(kind, seed: one)
                print("--- \(kind.rawValue) input of seed \(one):\n\(input.text)\n--- \(fuzzer.judge(input))")
            }
            return
        }
        if worker {
            for kind in kinds {
                let report = fuzzer.run(kind, runSeed: seed, count: inputs, from: from, slowAfter: hangSeconds) {
                    index, _ in
                    FileHandle.standardOutput.write(Data("start \(index)\n".utf8))
                }
                FileHandle.standardOutput.write(Data("done \(report.accepted)\n".utf8))
            }
            return
        }
        var clean = true
        for kind in kinds {
            let started = Date()
            let report = try supervise(kind)
            // Unbuffered, so that each kind's line shows as it is done, even in a file.
            let line = report.summary + String(format: " (%.0f s)", Date().timeIntervalSince(started))
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
            clean = clean && report.crashes.isEmpty && report.hangs.isEmpty
        }
        if !clean { throw ExitCode(1) }
    }

    /// Runs the inputs of `kind` in worker processes, restarting after a crash or a hang at the
    /// input after it.
    func supervise(_ kind: FuzzKind) throws -> FuzzReport {
        var report = FuzzReport(kind: kind, runSeed: seed)
        let seeds = Fuzzer.seeds(kind, runSeed: seed, count: inputs)
        var next = 0
        while next < inputs {
            let worker = WorkerProcess()
            try worker.start(
                [
                    "fuzz", "--worker", "--kind", kind.rawValue, "--inputs", String(inputs), "--seed", String(seed),
                    "--corpus", corpus, "--hang-seconds", String(hangSeconds), "--from", String(next),
                ])
            let ended = worker.wait(hangAfter: hangSeconds)
            let reached = worker.lastStarted ?? next
            report.accepted += worker.accepted ?? 0
            switch ended {
            case .finished:
                report.inputs += inputs - next
                next = inputs
            case .crashed, .hung:
                if ended == .crashed {
                    report.crashes.append(seeds[reached])
                } else {
                    report.hangs.append(seeds[reached])
                }
                report.inputs += reached + 1 - next
                next = reached + 1
            }
        }
        return report
    }
}

/// A fuzzing worker: its progress lines (`start <index>`, `done <accepted>`) read as they come.
final class WorkerProcess: @unchecked Sendable {
    enum End { case finished, crashed, hung }

    private let process = Process()
    private let lock = NSLock()
    private var buffer = ""
    private var lastLine = Date()
    private(set) var lastStarted: Int?
    private(set) var accepted: Int?

    func start(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = arguments
        // A crash ends the worker at once rather than after the runtime's backtrace, which can
        // take longer than a hang's limit.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.take(handle.availableData) }
        try process.run()
    }

    private func take(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        lastLine = Date()
        buffer += String(decoding: data, as: UTF8.self)
        while let newline = buffer.firstIndex(of: "\n") {
            let words = buffer[..<newline].split(separator: " ")
            buffer.removeSubrange(...newline)
            guard words.count == 2, let n = Int(words[1]) else { continue }
            if words[0] == "start" { lastStarted = n } else if words[0] == "done" { accepted = (accepted ?? 0) + n }
        }
    }

    /// Waits for the worker to end; one silent for `hangAfter` seconds is killed as hung.
    func wait(hangAfter: Double) -> End {
        while process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            lock.lock()
            let silent = Date().timeIntervalSince(lastLine)
            lock.unlock()
            if silent > hangAfter {
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return .hung
            }
        }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.05)  // the last lines, still in the pipe
        lock.lock()
        defer { lock.unlock() }
        return process.terminationReason == .exit && process.terminationStatus == 0 && accepted != nil
            ? .finished : .crashed
    }
}
