import Foundation
import ModelKit
import Replay
import SlabChecker
import SlabReport
import SlabSpec
import SlabTrace
import TraceView

/// One fuzzing input: reproducible from its kind and seed alone.
public struct FuzzInput: Sendable {
    public var kind: FuzzKind
    public var seed: UInt64
    public var text: String
}

/// What slabcheck made of an input: refused with an error (a spec error, a bad trace, a refused
/// replay), or accepted and run through (a bounded check; a replay and both renderings).
public enum FuzzOutcome: Sendable, Equatable {
    case refused
    case accepted
}

/// Mutated specs, property expressions and traces from the shipped ones, fed to the parsers,
/// a bounded check (the explicit engine, and BMC for one property input in 64), `replay` and
/// `show`'s renderers. A crash or a hang is a bug; any input at all must end in an error message
/// or a result.
public struct Fuzzer: Sendable {
    public let corpus: FuzzCorpus
    /// States a check of an accepted spec may explore: enough to evaluate the properties on many
    /// states, few enough for thousands of inputs.
    public static let checkStates = 40
    /// Seconds a check of an accepted spec may take.
    public static let checkSeconds = 2.0

    public init(corpus: FuzzCorpus) { self.corpus = corpus }

    /// The seeds of a run's inputs: the first `count` numbers of a generator seeded by the run's
    /// seed and the kind, so that each kind has its own sequence.
    public static func seeds(_ kind: FuzzKind, runSeed: UInt64, count: Int) -> [UInt64] {
        var random = SplitMix64(
            seed: runSeed ^ (UInt64(FuzzKind.allCases.firstIndex(of: kind) ?? 0) &* 0x9E37_79B9_7F4A_7C15))
        return (0..<count).map { _ in random.next() }
    }

    public func input(_ kind: FuzzKind, seed: UInt64) -> FuzzInput {
        var mutator = Mutator(random: SplitMix64(seed: seed))
        let text: String
        switch kind {
        case .spec: text = mutator.mutate(mutator.pick(corpus.specs))
        case .trace: text = mutator.mutate(mutator.pick(corpus.traces))
        case .property:
            var generator = PropertyGenerator(mutator: mutator)
            var expression = generator.expression()
            mutator = generator.mutator
            if mutator.below(2) == 0 { expression = mutator.mutate(expression) }
            text = corpus.propertyHost.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in
                    if line.hasPrefix("check:") { return "check: p" }
                    if line.hasPrefix("expect:") { return "expect: holds\nproperty: p = \(expression)" }
                    return String(line)
                }
                .joined(separator: "\n")
        }
        return FuzzInput(kind: kind, seed: seed, text: text)
    }

    public func judge(_ input: FuzzInput) -> FuzzOutcome {
        switch input.kind {
        case .spec, .property: check(input)
        case .trace: replayAndShow(input)
        }
    }

    func check(_ input: FuzzInput) -> FuzzOutcome {
        guard let spec = try? Spec.parse(input.text, path: "fuzz.spec") else { return .refused }
        let request = CheckRequest(
            spec: spec, maxStates: Self.checkStates, maxSeconds: Self.checkSeconds, memoryBytes: 1 << 30, threads: 1)
        do {
            let result = try ExplicitRun.check(request)
            _ = ReportText.render(result)
            for trace in result.properties.compactMap(\.trace) { _ = TraceText.render(trace) }
            if input.kind == .property, input.seed % 64 == 0 {
                _ = try Checking.check(request, engine: .bmc, depth: 1, timeout: Self.checkSeconds)
            }
            return .accepted
        } catch {
            return .refused
        }
    }

    func replayAndShow(_ input: FuzzInput) -> FuzzOutcome {
        guard let trace = try? SlabTrace(itfData: Data(input.text.utf8), file: "fuzz.itf.json") else { return .refused }
        let lanes = Swimlanes(trace)
        _ = TextRenderer(color: false).render(lanes)
        _ = SVGRenderer().render(lanes)
        guard (try? Replayer.replay(trace)) != nil else { return .refused }
        return .accepted
    }

    /// Runs `count` inputs of `kind` in this process; an input slower than `slowAfter` seconds is
    /// reported as a hang. `starting` is told each input's index and seed before it runs, so that
    /// a supervisor can name the input of a crash.
    public func run(
        _ kind: FuzzKind, runSeed: UInt64, count: Int, from first: Int = 0, slowAfter: Double = 10,
        starting: (Int, UInt64) -> Void = { _, _ in }
    ) -> FuzzReport {
        var report = FuzzReport(kind: kind, runSeed: runSeed)
        let seeds = Self.seeds(kind, runSeed: runSeed, count: count)
        for index in min(max(first, 0), count)..<count {
            let seed = seeds[index]
            starting(index, seed)
            let started = ContinuousClock.now
            let outcome = judge(input(kind, seed: seed))
            let took = ContinuousClock.now - started
            report.inputs += 1
            if outcome == .accepted { report.accepted += 1 }
            if took > .milliseconds(Int64(slowAfter * 1000)) { report.hangs.append(seed) }
        }
        return report
    }
}

/// A fuzzing run's figures; the seeds name the inputs that went wrong.
public struct FuzzReport: Sendable {
    public var kind: FuzzKind
    public var runSeed: UInt64
    public var inputs = 0
    /// Inputs that parsed and ran; the rest were refused with an error.
    public var accepted = 0
    public var crashes: [UInt64] = []
    public var hangs: [UInt64] = []

    public init(kind: FuzzKind, runSeed: UInt64) {
        self.kind = kind
        self.runSeed = runSeed
    }

    public var summary: String {
        "\(kind.rawValue): \(inputs) inputs (\(accepted) accepted, \(inputs - accepted) refused), \(crashes.count) crashes, \(hangs.count) hangs"
            + (crashes.isEmpty ? "" : "; crash seeds: " + crashes.map { String($0) }.joined(separator: " "))
            + (hangs.isEmpty ? "" : "; hang seeds: " + hangs.map { String($0) }.joined(separator: " "))
    }
}
