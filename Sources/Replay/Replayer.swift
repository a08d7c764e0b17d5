import ModelKit
import SlabModel
import SlabProperty
import SlabTrace

/// Where the real allocator first parted from the model.
public struct Divergence: Hashable, Sendable, CustomStringConvertible {
    /// The step after which the states differ (0: the initial state).
    public var step: Int
    public var difference: Difference

    public init(step: Int, difference: Difference) {
        self.step = step
        self.difference = difference
    }

    public var description: String { "diverged at step \(step): \(difference)" }
}

/// What replaying a trace on the real allocator showed.
public enum ReplayOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The real allocator broke the property (or hit the BUG_ON behind `no-bug`) at this step, the
    /// first step at which it broke it.
    case reproduced(property: String, step: Int)
    /// The real state (or return value, or broken properties) differed from the model's at a step
    /// before the property was reproduced.
    case diverged(Divergence)
    /// Every step ran, the states agreed throughout, and the real allocator never broke the property.
    case notReproduced
    /// A trace that records no property: every step ran and agreed with the model.
    case matched(steps: Int)

    public var description: String {
        switch self {
        case .reproduced(let property, let step): "reproduced \(property) at step \(step)"
        case .diverged(let d): d.description
        case .notReproduced: "not reproduced"
        case .matched(let steps): "matched the model at every step (\(steps) steps)"
        }
    }
}

/// A trace's replay: its outcome, the outcome the trace records, and whether they are the same.
public struct ReplayReport: Hashable, Sendable {
    /// The property the trace is a counterexample for, if any.
    public var property: String?
    /// The first step at which the trace records the property broken.
    public var recordedStep: Int?
    public var steps: Int
    public var outcome: ReplayOutcome
    /// The first step where the real allocator and the model differ in any field, even when the
    /// outcome is `reproduced`: every step of the trace is compared, the violating step and those
    /// after it included.
    public var firstDifference: Divergence?

    public init(
        property: String?, recordedStep: Int?, steps: Int, outcome: ReplayOutcome, firstDifference: Divergence?
    ) {
        self.property = property
        self.recordedStep = recordedStep
        self.steps = steps
        self.outcome = outcome
        self.firstDifference = firstDifference
    }

    /// The outcome the trace records: a counterexample for P reproduces P at the step it records
    /// P broken; a trace without a property matches the model at every step.
    public var expected: ReplayOutcome {
        if let property, let recordedStep { return .reproduced(property: property, step: recordedStep) }
        return .matched(steps: steps)
    }

    /// The recorded outcome, with the real allocator in the model's state at every step: a
    /// violation reproduced while the real state went elsewhere is not the model's counterexample.
    public var meetsRecord: Bool { outcome == expected && firstDifference == nil }
}

/// Replays model traces on the real allocator (`Sources/CSlab`) step by step.
public enum Replayer {
    /// Checks that `trace` is one the model produces, then runs its actions on a real allocator
    /// built from its configuration and variant, comparing after every step. `properties` are the
    /// user's properties the trace names (read back from it by `SlabTrace.userProperty`), judged
    /// on the model's and the real allocator's states beside the built-in ones.
    ///
    /// Throws `ReplayError` for bad input: a step the model or the real allocator does not allow
    /// where the trace takes it, a recorded state the model does not produce, a property that
    /// cannot be judged, a configuration the real allocator cannot be built with.
    public static func replay(_ trace: SlabTrace, properties: [Property] = []) throws(ReplayError) -> ReplayReport {
        let base = SlabModel(configuration: trace.origin.configuration, variant: trace.origin.variant)
        var model = PropertyModel(base)
        if !properties.isEmpty {
            do {
                model = try PropertyModel(base, properties: properties)
            } catch {
                throw .inconsistent(error.description)
            }
        }
        let recordedStep = try checkConsistency(trace, model: model)

        let real = try RealAllocator(configuration: model.base.configuration, variant: model.base.variant)
        var report = ReplayReport(
            property: trace.origin.property, recordedStep: recordedStep, steps: trace.steps.count,
            outcome: .notReproduced, firstDifference: nil)
        let initial = real.state()
        if let d = StepView(returned: nil, state: trace.initial, violated: [])
            .firstDifference(from: StepView(returned: nil, state: initial.snapshot, violated: []))
        {
            report.firstDifference = Divergence(step: 0, difference: d)
            report.outcome = .diverged(Divergence(step: 0, difference: d))
            return report
        }
        var before = initial.cells
        for (i, step) in trace.steps.enumerated() {
            let k = i + 1
            let r = real.perform(step.action)
            if let refusal = r.refusal {
                throw .impossibleStep(step: k, action: step.action, reason: "the real allocator refuses it: \(refusal)")
            }
            let state = real.state()
            let broken = r.violations.union(model.violations(in: state.cells))
                .union(model.stepViolations(from: before, to: state.cells, via: step.action))
            before = state.cells
            let view = StepView(
                returned: r.returned, state: state.snapshot, violated: broken.indices.map { model.propertyNames[$0] })
            let difference = StepView(returned: step.returned, state: step.state, violated: step.violated)
                .firstDifference(from: view)
            if let difference, report.firstDifference == nil {
                report.firstDifference = Divergence(step: k, difference: difference)
            }
            if case .notReproduced = report.outcome {
                if let property = trace.origin.property, view.violated.contains(property) {
                    report.outcome = .reproduced(property: property, step: k)
                } else if let difference {
                    report.outcome = .diverged(Divergence(step: k, difference: difference))
                    return report
                }
            }
        }
        if case .notReproduced = report.outcome, trace.origin.property == nil {
            report.outcome = .matched(steps: trace.steps.count)
        }
        return report
    }

    /// Re-runs the trace's actions on the model and refuses a trace whose recorded states, returns
    /// or broken properties are not the model's. Returns the first step that records the trace's
    /// property broken.
    static func checkConsistency(_ trace: SlabTrace, model: PropertyModel) throws(ReplayError) -> Int? {
        let initial = Snapshot(.initial(model.layout), layout: model.layout)
        if let d = StepView(returned: nil, state: trace.initial, violated: [])
            .firstDifference(from: StepView(returned: nil, state: initial, violated: []))
        {
            throw .tampered(step: 0, field: d.field, recorded: d.expected, model: d.actual)
        }
        var state = SlabState.initial(model.layout)
        for (i, step) in trace.steps.enumerated() {
            guard let outcome = model.base.step(step.action, from: state) else {
                throw .impossibleStep(
                    step: i + 1, action: step.action, reason: "the model does not allow it in the state before it")
            }
            let broken = outcome.violations.union(model.violations(in: outcome.state))
                .union(model.stepViolations(from: state, to: outcome.state, via: step.action))
            state = outcome.state
            let returned: SlabTrace.Returned? =
                switch outcome.returned {
                case .some(.some(let o)): .object(o)
                case .some(.none): .null
                case .none: nil
                }
            let view = StepView(
                returned: returned, state: Snapshot(state, layout: model.layout),
                violated: broken.indices.map { model.propertyNames[$0] })
            if let d = StepView(returned: step.returned, state: step.state, violated: step.violated).firstDifference(
                from: view)
            {
                throw .tampered(step: i + 1, field: d.field, recorded: d.expected, model: d.actual)
            }
        }
        guard let property = trace.origin.property else { return nil }
        guard let k = trace.steps.firstIndex(where: { $0.violated.contains(property) }) else {
            throw .inconsistent("the trace is a counterexample for \(property), but no step of it breaks \(property)")
        }
        return k + 1
    }
}
