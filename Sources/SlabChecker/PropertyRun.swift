import ExplicitChecker
import ModelKit
import SlabModel
import SlabProperty
import SlabTrace
import SymbolicChecker
import Z3Kit

/// Which engine judges a set of user properties, and how far it looks.
public enum PropertyEngine: Sendable, Hashable, CustomStringConvertible {
    case explicit
    case bmc(depth: Int)
    case induction(depth: Int)

    public var engine: Engine {
        switch self {
        case .explicit: .explicit
        case .bmc: .bmc
        case .induction: .induction
        }
    }

    public var description: String {
        switch self {
        case .explicit: "explicit"
        case .bmc(let d): "bmc(depth: \(d))"
        case .induction(let d): "induction(depth: \(d))"
        }
    }
}

/// Checks user properties (with, for the explicit engine, any built-in ones beside them) on one
/// configuration and variant; what the Swift Testing helpers and specs with `property:` lines use.
public enum PropertyRun {
    public struct Outcome: Sendable {
        public var properties: [PropertyResult]
        public var statistics: ExplicitStatistics
        public var completion: Completion
        public var notes: [String]
    }

    public static func check(
        _ properties: [Property], builtIns: [BuiltInProperty] = [], configuration: Configuration, variant: Variant,
        engine: PropertyEngine, spec: String = "swift", maxStates: Int? = nil, maxSeconds: Double? = nil,
        maxDepth: Int? = nil,
        memoryBytes: Int = CheckRequest.defaultMemory, threads: Int = 2
    ) throws -> Outcome {
        let model = try PropertyModel(SlabModel(configuration: configuration, variant: variant), properties: properties)
        switch engine {
        case .explicit:
            let options = ExplicitOptions(
                properties: [], maxStates: maxStates, maxSeconds: maxSeconds, memoryBytes: memoryBytes,
                maxDepth: maxDepth,
                threads: threads)
            let names = builtIns.map(\.rawValue) + properties.map(\.name)
            let (verdicts, result) = try ExplicitRun.judge(names, on: model, options: options, spec: spec)
            return Outcome(
                properties: verdicts, statistics: result.statistics, completion: result.completion, notes: [])
        case .bmc(let depth), .induction(let depth):
            let started = ContinuousClock.now
            let system = try TransitionSystem(model: model.base, context: Context())
            var notes: [String] = []
            let results = try SymbolicRun.judge(
                builtIns: builtIns, model: model, system: system, engine: engine.engine, depth: depth,
                deadline: Deadline(seconds: maxSeconds), budget: EvaluationBudget(seconds: maxSeconds), spec: spec,
                progress: nil, notes: &notes)
            let d = ContinuousClock.now - started
            let statistics = ExplicitStatistics(
                seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, depth: depth)
            return Outcome(properties: results, statistics: statistics, completion: .exhausted, notes: notes)
        }
    }
}
