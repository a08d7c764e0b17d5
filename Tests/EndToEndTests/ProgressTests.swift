import ExplicitChecker
import Foundation
import SlabChecker
import SlabReport
import SlabSpec
import SymbolicChecker
import Synchronization
import TestSupport
import Testing

@Suite struct ProgressTests {
    @Test func theThrottleLetsTheFirstEventThroughThenAtMostOnePerInterval() {
        var throttle = Throttle(interval: 0.25)
        let start = Date(timeIntervalSince1970: 1000)
        let admitted = [0, 0.1, 0.249, 0.25, 0.3, 10].map { throttle.admits(start.addingTimeInterval($0)) }
        #expect(admitted == [true, false, false, true, false, true])
    }

    @Test func aThousandCallsInASecondDrawAtMostFourLines() {
        var throttle = Throttle(interval: ExplicitRun.progressInterval)
        let start = Date(timeIntervalSince1970: 0)
        let drawn = (0..<1000).filter { throttle.admits(start.addingTimeInterval(Double($0) / 1000)) }.count
        #expect(drawn == 4)
    }

    func statistics(states: Int, seconds: Double, depth: Int, frontier: Int, memory: Int) -> ExplicitStatistics {
        var s = ExplicitStatistics(seconds: seconds, depth: depth)
        s.distinctStates = states
        s.frontier = frontier
        s.peakMemoryBytes = memory
        return s
    }

    @Test func theLineShowsStatesRateDepthQueueElapsedAndMemory() {
        let big = statistics(states: 1_234_567, seconds: 83.4, depth: 17, frontier: 3_400_000, memory: 1_288_490_189)
        #expect(
            ProgressLine.render(big, label: "medium")
                == "medium: 1.23M states  14.8k states/s  depth 17  queue 3.40M  1m23s  mem 1.2 GiB")
        let small = statistics(states: 999, seconds: 4.25, depth: 2, frontier: 12, memory: 30 << 20)
        #expect(
            ProgressLine.render(small, label: "tiny")
                == "tiny: 999 states  235 states/s  depth 2  queue 12  4.2s  mem 30 MiB")
    }

    @Test func eachRedrawReplacesTheLineInPlace() {
        #expect(ProgressLine.redraw("x") == "\r\u{1B}[Kx")
    }

    /// The tests run `slabcheck` with stderr on a pipe: no progress may land there.
    @Test func noProgressWhenStderrIsNotATerminal() throws {
        let run = try runSlabcheck(["check", "--max-seconds", "2", "--out", try temporaryFolder(), spec("small")])
        #expect(!run.stderr.contains("states/s"))
        #expect(!run.stderr.contains("\u{1B}[K"))
    }

    /// The engine calls back with growing figures, no more often than its interval allows.
    @Test func theEngineReportsProgressThroughItsCallback() throws {
        let seen = Mutex<[ExplicitStatistics]>([])
        let loaded = try Spec.load(path: spec("tiny"))
        _ = try ExplicitRun.check(CheckRequest(spec: loaded, threads: 1)) { s in seen.withLock { $0.append(s) } }
        let reports = seen.withLock { $0 }
        #expect(!reports.isEmpty, "the first call is always let through")
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.distinctStates <= $1.distinctStates })
    }

    @Test func theZ3EnginesLineShowsDepthWorkLastCheckElapsedAndMemory() {
        let checking = SymbolicProgress(
            depth: 4, work: .checking("conservation"), lastCheckSeconds: 2.13, seconds: 83.4)
        #expect(
            ProgressLine.render(checking, label: "medium", engine: .bmc, peakMemoryBytes: 1_288_490_189)
                == "medium: bmc depth 4  checking conservation  last check 2.1s  1m23s  mem 1.2 GiB")
        let building = SymbolicProgress(depth: 2, work: .building, lastCheckSeconds: nil, seconds: 0.5)
        #expect(
            ProgressLine.render(building, label: "tiny", engine: .induction, peakMemoryBytes: 30 << 20)
                == "tiny: induction k 2  building the relation  0.5s  mem 30 MiB")
        let done = SymbolicProgress(depth: 3, work: .reached, lastCheckSeconds: 0.04, seconds: 0.1)
        #expect(
            ProgressLine.render(done, label: "tiny", engine: .bmc, peakMemoryBytes: 72 << 20)
                == "tiny: bmc depth 3  done  last check 0.0s  0.1s  mem 72 MiB")
    }

    /// What `engine` reports while it checks tiny to depth (or k) 2.
    func symbolicReports(_ engine: Engine) throws -> [SymbolicProgress] {
        let seen = Mutex<[SymbolicProgress]>([])
        let loaded = try Spec.load(path: spec("tiny"))
        _ = try Checking.check(
            CheckRequest(spec: loaded, threads: 1), engine: engine, depth: 2, timeout: nil,
            symbolicProgress: { p in seen.withLock { $0.append(p) } })
        return seen.withLock { $0 }
    }

    /// Every check is announced before it starts (so a long one shows what it is on), each depth
    /// once it is done, in order, and every report but the first has the last check's time.
    @Test func bmcReportsEachCheckBeforeItAndEachDepthOnceDone() throws {
        let reports = try symbolicReports(.bmc)
        let done = reports.filter { $0.work == .reached }.map(\.depth)
        #expect(done == [0, 1, 2])
        #expect(reports.first?.work == .checking("avail-bounds"))
        #expect(reports.first?.lastCheckSeconds == nil)
        #expect(reports.dropFirst().allSatisfy { $0.lastCheckSeconds != nil })
        #expect(reports.contains { $0.work == .checking("conservation") && $0.depth == 2 })
        #expect(reports.contains { $0.work == .building && $0.depth == 1 })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.depth <= $1.depth })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.seconds <= $1.seconds })
    }

    @Test func inductionNamesTheCaseAndConjunctOfEachCheck() throws {
        let asked = try symbolicReports(.induction).compactMap { p -> String? in
            if case .checking(let name) = p.work { return "k \(p.depth): \(name)" }
            return nil
        }
        #expect(asked.contains("k 1: base case, ranges"))
        #expect(asked.contains("k 1: step case, ranges, part 1 of 3"))
        #expect(asked.contains { $0.hasPrefix("k 1: step case, conservation, part ") })
    }
}
