import Foundation
import TestSupport
import Testing

/// SIGINT, SIGTERM and SIGHUP stop a check at its next look at its budgets: the figures so far and
/// a `bounded` verdict are printed (in JSON too), and the exit status is 128 + the signal; a second
/// signal quits at once; never a crash.
@Suite(.serialized) struct SignalTests {
    /// When a test sends its signal.
    enum Moment {
        /// A fixed time after the start: for a run that is sure to be busy by then.
        case after(Double)
        /// Once the progress line (stderr is then a terminal) has shown this depth: for a signal
        /// that must land after some work is done, however loaded the machine.
        case atDepth(Int)
    }

    /// Runs `slabcheck arguments`, sends `signals` (one per `gap`) at `moment`, and waits at most
    /// `limit` seconds for it to end.
    func interrupted(
        _ arguments: [String], _ moment: Moment, signals: [Int32], gap: Double = 0.05, limit: Double = 20
    ) throws
        -> (run: Run, reason: Process.TerminationReason, seconds: Double)
    {
        let folder = try temporaryFolder()
        let (outPath, errPath) = (folder + "/stdout", folder + "/stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = slabcheck
        process.arguments = arguments + ["--out", folder + "/out"]
        process.currentDirectoryURL = packageRoot
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        var terminal: PseudoTerminal?
        if case .atDepth = moment {
            terminal = try PseudoTerminal()
            process.standardError = terminal?.handle
        } else {
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        }
        try process.run()
        terminal?.childStarted()
        func pause(_ seconds: Double) {
            if let terminal { terminal.drain(waiting: seconds) } else { Thread.sleep(forTimeInterval: seconds) }
        }
        switch moment {
        case .after(let delay):
            Thread.sleep(forTimeInterval: delay)
        case .atDepth(let depth):
            let start = Date()
            while let terminal, deepestShown(terminal.text) < depth, process.isRunning,
                Date().timeIntervalSince(start) < limit
            {
                pause(0.05)
            }
            if let terminal, deepestShown(terminal.text) < depth {
                Issue.record("the progress line never showed depth \(depth): \(terminal.text)")
            }
        }
        let sent = Date()
        for (i, signal) in signals.enumerated() {
            if i > 0 { pause(gap) }
            kill(process.processIdentifier, signal)
        }
        while process.isRunning, Date().timeIntervalSince(sent) < limit { pause(0.02) }
        let seconds = Date().timeIntervalSince(sent)
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("slabcheck still ran \(limit) s after the signal")
        }
        terminal?.drainToEnd()
        let run = Run(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: terminal?.text ?? (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        return (run, process.terminationReason, seconds)
    }

    /// The deepest depth a progress line on `text` has shown (-1 before the first).
    func deepestShown(_ text: String) -> Int {
        text.matches(of: /depth (\d+)/).compactMap { Int($0.1) }.max() ?? -1
    }

    @Test(arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")])
    func aSignalStopsTheExplicitSearchWithItsFiguresAndABoundedVerdict(signal: Int32, name: String) throws {
        let (run, reason, seconds) = try interrupted(
            ["check", "--quiet", spec("medium"), spec("tiny")], .after(2), signals: [signal])
        #expect(reason == .exit, "a crash: \(run.stderr)")
        #expect(run.status == 128 + signal, "\(run.stderr)")
        #expect(seconds < 5)
        #expect(run.stdout.contains("conservation            bounded (interrupted by \(name))"), "\(run.stdout)")
        #expect(run.stdout.contains(" states, "), "the figures so far: \(run.stdout)")
        #expect(!run.stdout.contains("tiny.spec"), "the specs after it are not started: \(run.stdout)")
    }

    /// A violation found before the signal keeps its counterexample: with two threads the trace
    /// is normally taken from a second, one-thread search, which the signal stops at once, so the
    /// first search's own parents give it.
    @Test func aViolationFoundBeforeASignalKeepsItsCounterexample() throws {
        let folder = try temporaryFolder()
        let mutant = "\(folder)/medium-shared-wrong-end.spec"
        let text = try String(contentsOfFile: spec("medium"), encoding: .utf8)
            .replacingOccurrences(of: "variant: seed", with: "variant: shared-wrong-end")
            .split(separator: "\n").filter { !$0.hasPrefix("cover:") }.joined(separator: "\n")
        try text.write(toFile: mutant, atomically: true, encoding: .utf8)
        let (run, reason, _) = try interrupted(
            ["check", "--threads", "2", mutant], .atDepth(11),
            signals: [SIGINT])
        #expect(reason == .exit, "a crash: \(run.stderr)")
        #expect(run.status == 130, "\(run.stderr)")
        #expect(run.stdout.contains("conservation            violated in 9 steps"), "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stderr.contains("error"), "\(run.stderr)")
    }

    @Test func aSignalStillGivesOneJSONDocumentWithBoundedVerdicts() throws {
        let (run, _, _) = try interrupted(["check", "--quiet", "--json", spec("medium")], .after(2), signals: [SIGINT])
        #expect(run.status == 130, "\(run.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        #expect(run.stdout.contains("\"bounded\""), "\(document)")
    }

    @Test func aSignalStopsBMCWithinASecondAndReportsTheDepthsCleared() throws {
        let (run, reason, seconds) = try interrupted(
            ["check", "--engine", "bmc", "--depth", "20", spec("small")],
            .atDepth(2), signals: [SIGINT])
        #expect(reason == .exit, "a crash: \(run.stderr)")
        #expect(run.status == 130, "\(run.stderr)")
        #expect(seconds < 3, "took \(seconds) s")
        #expect(run.stdout.contains("conservation            bounded (depth "), "\(run.stdout)")
    }

    @Test func aSignalStopsInductionWithBoundedVerdicts() throws {
        let (run, reason, seconds) = try interrupted(
            ["check", "--quiet", "--engine", "induction", "--depth", "6", spec("medium")], .after(5), signals: [SIGTERM]
        )
        #expect(reason == .exit, "a crash: \(run.stderr)")
        #expect(run.status == 128 + SIGTERM, "\(run.stderr)")
        #expect(seconds < 5, "took \(seconds) s")
        #expect(run.stdout.contains("conservation            bounded ("), "\(run.stdout)")
    }

    @Test func repeatedSignalsDuringBMCQuitWithoutACrash() throws {
        let (run, reason, seconds) = try interrupted(
            ["check", "--quiet", "--engine", "bmc", "--depth", "20", spec("small")], .after(3),
            signals: [SIGINT, SIGINT, SIGINT, SIGINT, SIGINT], gap: 0.3)
        #expect(reason == .exit, "a crash: \(run.stderr)")
        #expect(run.status == 130, "\(run.stderr)")
        #expect(seconds < 3, "took \(seconds) s")
    }

    @Test func aSecondSignalQuitsAtOnce() throws {
        let (run, reason, seconds) = try interrupted(
            ["check", "--quiet", spec("medium")], .after(2), signals: [SIGTERM, SIGTERM], gap: 0.001)
        #expect(reason == .exit, "a crash: \(run.stderr)")
        #expect(run.status == 128 + SIGTERM, "\(run.stderr)")
        #expect(seconds < 2)
    }
}
