import ExplicitChecker
import ModelKit
import SlabModel
import SlabProperty
import SlabSpec
import SlabTrace

/// Checks a spec with the explicit-state engine.
public enum ExplicitRun {
    /// Seconds between two progress reports: at most four redraws a second of a progress line,
    /// smooth to read and nothing to the search.
    public static let progressInterval = 0.25

    public static func check(
        _ request: CheckRequest, progress: (@Sendable (ExplicitStatistics) -> Void)? = nil
    ) throws -> SpecResult {
        let spec = request.spec
        let model = try PropertyModel(
            SlabModel(configuration: spec.configuration, variant: spec.variant),
            properties: spec.userProperties.map(\.property))
        var options = ExplicitOptions(
            properties: [], maxStates: request.maxStates, maxSeconds: request.maxSeconds,
            memoryBytes: request.memoryBytes, maxDepth: request.maxDepth, threads: request.threads,
            symmetry: request.symmetry.intersection(model.symmetry), progress: progress)
        options.progressInterval = ExplicitRun.progressInterval
        let names = spec.properties.map(\.rawValue) + spec.userProperties.map(\.property.name)
        let (properties, result) = try judge(names, on: model, options: options, spec: spec.path)
        return SpecResult(
            request: request, engine: .explicit, properties: properties, statistics: result.statistics,
            completion: result.completion, coverage: result.coverage)
    }

    /// The verdict on each named property (built-in or the user's), with the shortest trace of
    /// each violated one: the one place explicit results become verdicts, for specs and for the
    /// Swift Testing helpers alike.
    static func judge(
        _ names: [String], on model: PropertyModel, options: ExplicitOptions, spec: String
    ) throws -> ([PropertyResult], ExplicitResult<PropertyModel>) {
        var options = options
        var model = model
        model.budget = EvaluationBudget(seconds: options.maxSeconds)
        options.properties = names.compactMap(model.index(of:)).reduce(PropertySet()) {
            $0.union(PropertySet(index: $1))
        }
        var result = try ExplicitChecker(model: model, options: options).run()
        // A property evaluation abandoned for time or a signal judged its state as holding: a
        // search that then ran to its end has not seen every state judged.
        if let budget = model.budget, budget.wasAbandoned, result.completion == .exhausted {
            result.completion = .bounded(
                Interruption.signal.map(Bound.signal) ?? .time(seconds: options.maxSeconds ?? 0))
        }
        var verdicts: [PropertyResult] = []
        for name in names {
            guard let index = model.index(of: name) else { continue }
            if let found = result.counterexamples[index] {
                let origin = SlabTrace.Origin(
                    spec: spec, configuration: model.layout.config, variant: model.base.variant, property: name,
                    engine: Engine.explicit.rawValue)
                let trace = try SlabTrace.run(found.steps.map(\.action), on: model, origin: origin).get()
                var verdict = PropertyResult(property: name, verdict: .violated(depth: found.steps.count), trace: trace)
                verdict.dividesByZero = model.dividesByZero(name, after: found.steps.map(\.action))
                verdicts.append(verdict)
            } else {
                let verdict: Verdict =
                    switch result.completion {
                    case .exhausted, .allViolated: .holds
                    case .bounded(let bound): .bounded(bound)
                    }
                verdicts.append(PropertyResult(property: name, verdict: verdict))
            }
        }
        return (verdicts, result)
    }
}
