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

    public var name: String {
        switch self {
        case .explicit: "explicit"
        case .bmc: "bmc"
        case .induction: "induction"
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
        engine: PropertyEngine, spec: String = "swift", maxStates: Int? = nil, maxSeconds: Double? = nil, maxDepth: Int? = nil,
        memoryBytes: Int = CheckRequest.defaultMemory, threads: Int = 2
    ) throws -> Outcome {
        let model = try PropertyModel(SlabModel(configuration: configuration, variant: variant), properties: properties)
        switch engine {
        case .explicit:
            let options = ExplicitOptions(
                properties: [], maxStates: maxStates, maxSeconds: maxSeconds, memoryBytes: memoryBytes, maxDepth: maxDepth,
                threads: threads)
            let names = builtIns.map(\.rawValue) + properties.map(\.name)
            let (verdicts, result) = try ExplicitRun.judge(names, on: model, options: options, spec: spec)
            return Outcome(properties: verdicts, statistics: result.statistics, completion: result.completion, notes: [])
        case .bmc(let depth), .induction(let depth):
            let started = ContinuousClock.now
            let system = try TransitionSystem(model: model.base, context: Context())
            let results = try symbolic(properties, model: model, system: system, engine: engine, depth: depth, timeout: maxSeconds, spec: spec)
            let d = ContinuousClock.now - started
            let statistics = ExplicitStatistics(
                seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, depth: depth)
            return Outcome(properties: results, statistics: statistics, completion: .exhausted, notes: [])
        }
    }

    /// The symbolic engines' verdicts on user properties, over a transition system already built
    /// (so a spec's built-in and own properties share one). Every counterexample is replayed on
    /// the concrete model before it is reported.
    static func symbolic(
        _ properties: [Property], model: PropertyModel, system: TransitionSystem, engine: PropertyEngine, depth: Int,
        timeout: Double?, spec: String
    ) throws -> [PropertyResult] {
        let encoded = try properties.map { try SymbolicProperty($0, in: system) }
        let limit = timeout.map { Duration.milliseconds(Int64(($0 * 1000).rounded(.up))) }
        var results: [PropertyResult] = []
        func violated(_ name: String, _ actions: [SlabAction]) throws -> PropertyResult {
            let origin = SlabTrace.Origin(
                spec: spec, configuration: model.layout.config, variant: model.base.variant, property: name, engine: engine.name)
            let trace = try SlabTrace.run(actions, on: model, origin: origin).get()
            guard trace.steps.last?.violated.contains(name) == true else {
                throw SymbolicError.internalError("Z3 counterexample for \(name) does not break it on the concrete model")
            }
            return PropertyResult(property: name, verdict: .violated(depth: actions.count), trace: trace)
        }
        switch engine {
        case .explicit:
            break
        case .bmc:
            let findings = try PropertyBMC(system: system, timeout: limit).run(encoded, depth: depth)
            for p in properties {
                switch findings[p.name] {
                case .violated(let actions)?: results.append(try violated(p.name, actions))
                case .bounded(let d, let reason)?:
                    results.append(PropertyResult(property: p.name, verdict: .bounded("depth \(d): \(reason)")))
                case nil: results.append(PropertyResult(property: p.name, verdict: .bounded("not judged")))
                }
            }
        case .induction:
            let findings = try PropertyInduction(system: system, timeout: limit).run(encoded, maxK: depth)
            for p in properties {
                switch findings[p.name] {
                case .violated(let actions)?: results.append(try violated(p.name, actions))
                case .holds?: results.append(PropertyResult(property: p.name, verdict: .holds))
                case .bounded(let reason)?: results.append(PropertyResult(property: p.name, verdict: .bounded(reason)))
                case nil: results.append(PropertyResult(property: p.name, verdict: .bounded("not judged")))
                }
            }
        }
        return results
    }
}
