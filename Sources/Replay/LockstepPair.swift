import ModelKit
import SlabModel
import SlabProperty
import SlabTrace

/// The model and the real allocator taking the same steps: after each, what the model says broke
/// and where the real allocator differs. Shared by `Lockstep` (random schedules, state compared
/// step by step) and `RandomTesting` (every property judged, failures shrunk).
public struct LockstepPair {
    package let model: PropertyModel
    public let real: RealAllocator
    public private(set) var state: SlabState<Int>

    /// What one step showed.
    public struct Observation {
        /// Properties (built-in and the user's) the step or the state it left broke, on the model.
        public var broken: [String]
        public var difference: Difference?
    }

    package init(model: PropertyModel) throws(ReplayError) {
        self.model = model
        real = try RealAllocator(configuration: model.layout.config, variant: model.base.variant)
        state = SlabState.initial(model.layout)
    }

    /// Where the two differ before any step.
    public func initialDifference() -> Difference? {
        StepView(returned: nil, state: Snapshot(state, layout: model.layout), violated: [])
            .firstDifference(from: StepView(returned: nil, state: real.state().snapshot, violated: []))
    }

    /// Takes `action` on both; nil (and nothing done) when the model does not enable it.
    public mutating func perform(_ action: SlabAction) -> Observation? {
        guard let outcome = model.base.step(action, from: state) else { return nil }
        let before = state
        state = outcome.state
        let builtIn = outcome.violations.union(model.base.violations(in: state))
        let all = builtIn.union(model.violations(in: state)).union(
            model.stepViolations(from: before, to: state, via: action))
        let modelView = StepView(
            returned: SlabTrace.Returned(outcome.returned), state: Snapshot(state, layout: model.layout),
            violated: builtIn.indices.map { model.propertyNames[$0] })
        let r = real.perform(action)
        let difference: Difference?
        if let refusal = r.refusal {
            difference = Difference(field: "enabled", expected: "\(action) runs", actual: "refused: \(refusal)")
        } else {
            let realState = real.state()
            let realBroken = r.violations.union(model.base.violations(in: realState.cells))
            difference = modelView.firstDifference(
                from: StepView(
                    returned: r.returned, state: realState.snapshot,
                    violated: realBroken.indices.map { model.propertyNames[$0] }))
        }
        return Observation(broken: all.indices.map { model.propertyNames[$0] }, difference: difference)
    }
}
