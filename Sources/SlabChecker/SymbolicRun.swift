import ExplicitChecker
import ModelKit
import SlabModel
import SlabProperty
import SlabSpec
import SlabTrace
import SymbolicChecker
import Z3Kit

/// Checks a spec with the Z3 engines: bounded model checking (`bmc`) or k-induction (`induction`).
public enum SymbolicRun {
    public enum Engine: String, Sendable {
        case bmc, induction
    }

    /// A symbolic check's result, with the engine's own words for each verdict (a proof's method,
    /// an `unknown`'s reason) in `notes`.
    public struct Outcome {
        public var result: SpecResult
        public var notes: [String]
    }

    public static func check(_ request: CheckRequest, engine: Engine, depth: Int, timeout: Double?) throws -> Outcome {
        let spec = request.spec
        let model = SlabModel(configuration: spec.configuration, variant: spec.variant)
        let deadline = Deadline(seconds: timeout)
        let started = ContinuousClock.now
        let context = try Context()
        let system = try TransitionSystem(model: model, context: context)
        var notes = [
            "transition relation: \(system.pathCounts.reduce(0, +)) paths over \(system.actions.count) actions, "
                + "\(system.variables.compactMap { $0 }.count) state variables (\(system.variables.count - system.variables.compactMap { $0 }.count) cells constant), "
                + String(format: "built in %.2f s", system.buildSeconds)
        ]
        let verdicts: [BuiltInProperty: SymbolicVerdict]
        switch engine {
        case .bmc:
            let r = try BoundedModelChecker(system: system).run(properties: spec.properties, depth: depth, deadline: deadline)
            verdicts = r.verdicts
            notes.append(String(format: "BMC reached depth %d in %.2f s", r.depthReached, r.seconds))
        case .induction:
            let r = try Induction(system: system).run(properties: spec.properties, maxK: depth, deadline: deadline)
            verdicts = r.verdicts
            notes.append("strengthening (each proved with the properties, not assumed): " + (r.strengthening.isEmpty ? "none" : r.strengthening.joined(separator: ", ")))
            if !r.dropped.isEmpty { notes.append("strengthening refuted by the base case and dropped: " + r.dropped.joined(separator: ", ")) }
            notes.append(String(format: "induction stopped at k = %d after %.2f s", r.k, r.seconds))
        }
        var properties: [PropertyResult] = []
        for property in spec.properties {
            let verdict = verdicts[property] ?? .unknown(reason: "not judged")
            notes.append("\(property.rawValue): \(verdict)")
            switch verdict {
            case .holds:
                properties.append(PropertyResult(property: property.rawValue, verdict: .holds))
            case .violated(let actions):
                let origin = SlabTrace.Origin(
                    spec: spec.path, configuration: spec.configuration, variant: spec.variant,
                    property: property.rawValue, engine: engine.rawValue)
                let trace = try SlabTrace.run(actions, on: model, origin: origin).get()
                properties.append(PropertyResult(property: property.rawValue, verdict: .violated(depth: actions.count), trace: trace))
            case .bounded(let d, let reason):
                properties.append(PropertyResult(property: property.rawValue, verdict: .bounded("depth \(d): \(reason)")))
            case .unknown(let reason):
                properties.append(PropertyResult(property: property.rawValue, verdict: .unknown(reason)))
            }
        }
        if !spec.userProperties.isEmpty {
            let user = try PropertyModel(model, properties: spec.userProperties.map(\.property))
            let chosen: PropertyEngine = engine == .bmc ? .bmc(depth: depth) : .induction(depth: depth)
            properties += try PropertyRun.symbolic(
                user.extra, model: user, system: system, engine: chosen, depth: depth, timeout: timeout, spec: spec.path)
        }
        let d = ContinuousClock.now - started
        let statistics = ExplicitStatistics(
            seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, depth: depth)
        let result = SpecResult(request: request, engine: engine.rawValue, properties: properties, statistics: statistics, completion: .exhausted)
        return Outcome(result: result, notes: notes)
    }

    /// Where two engines' verdicts on the same spec contradict each other (a bug in slabcheck):
    /// one says violated at depth d and the other holds, or a different shortest depth where both
    /// are shortest (explicit and bmc), or violated within the other's clean bound.
    public static func disagreements(_ a: SpecResult, _ b: SpecResult) -> [String] {
        var found: [String] = []
        for pa in a.properties {
            guard let pb = b.properties.first(where: { $0.property == pa.property }) else { continue }
            switch (pa.verdict, pb.verdict) {
            case (.holds, .violated(let d)), (.violated(let d), .holds):
                found.append("\(pa.property): \(a.engine) says \(pa.verdict.word), \(b.engine) says \(pb.verdict.word) (depth \(d))")
            case (.violated(let x), .violated(let y)) where x != y && a.engine != "induction" && b.engine != "induction":
                found.append("\(pa.property): shortest counterexample \(x) steps by \(a.engine), \(y) by \(b.engine)")
            default: break
            }
        }
        return found
    }
}
