import ExplicitChecker
import ModelKit
import SlabModel
import SlabSpec
import SlabTrace

/// Checks a spec with the explicit-state engine.
public enum ExplicitRun {
    public static func check(
        _ request: CheckRequest, progress: (@Sendable (ExplicitStatistics) -> Void)? = nil
    ) throws -> SpecResult {
        let spec = request.spec
        if !spec.userProperties.isEmpty {
            let outcome = try PropertyRun.check(
                spec.userProperties.map(\.property), builtIns: spec.properties, configuration: spec.configuration,
                variant: spec.variant, engine: .explicit, spec: spec.path, maxStates: request.maxStates,
                maxSeconds: request.maxSeconds, maxDepth: request.maxDepth, memoryBytes: request.memoryBytes, threads: request.threads)
            return SpecResult(
                request: request, engine: "explicit", properties: outcome.properties, statistics: outcome.statistics,
                completion: outcome.completion)
        }
        let model = SlabModel(configuration: spec.configuration, variant: spec.variant)
        let judged = spec.properties.reduce(PropertySet()) { $0.union($1.set) }
        var options = ExplicitOptions(
            properties: judged, maxStates: request.maxStates, maxSeconds: request.maxSeconds,
            memoryBytes: request.memoryBytes, maxDepth: request.maxDepth, threads: request.threads,
            symmetry: request.symmetry, progress: progress)
        options.progressInterval = ProgressLine.interval
        let result = try ExplicitChecker(model: model, options: options).run()
        let origin = { (property: BuiltInProperty) in
            SlabTrace.Origin(
                spec: spec.path, configuration: spec.configuration, variant: spec.variant,
                property: property.rawValue, engine: "explicit")
        }
        var properties: [PropertyResult] = []
        for property in spec.properties {
            if let found = result.counterexamples[property.index] {
                let trace = try SlabTrace.run(found.steps.map(\.action), on: model, origin: origin(property)).get()
                properties.append(
                    PropertyResult(property: property.rawValue, verdict: .violated(depth: found.steps.count), trace: trace))
            } else {
                let verdict: Verdict =
                    switch result.completion {
                    case .exhausted, .allViolated: .holds
                    case .bounded(let reason): .bounded(reason)
                    }
                properties.append(PropertyResult(property: property.rawValue, verdict: verdict))
            }
        }
        return SpecResult(
            request: request, engine: "explicit", properties: properties, statistics: result.statistics,
            completion: result.completion, coverage: result.coverage)
    }
}
