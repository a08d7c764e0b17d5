import SlabModel
import SlabProperty

/// A counterexample (or any run) of the SLAB model: where it comes from, and each step with the
/// state it left.
public struct SlabTrace: Sendable, Equatable {
    /// Where the trace came from; enough to rebuild the model that produced it.
    public struct Origin: Sendable, Equatable {
        public var spec: String
        public var configuration: Configuration
        public var variant: Variant
        /// The property the trace breaks, if it is a counterexample.
        public var property: String?
        /// A user's property in spec syntax (`forall o in objects: held[o] <= 1`), so that a
        /// reader with no spec and no Swift code at hand can judge it again; nil for a built-in one.
        public var propertySource: String?
        public var engine: String

        public init(
            spec: String, configuration: Configuration, variant: Variant, property: String?,
            propertySource: String? = nil,
            engine: String
        ) {
            self.spec = spec
            self.configuration = configuration
            self.variant = variant
            self.property = property
            self.propertySource = propertySource
            self.engine = engine
        }
    }

    /// What an allocation step returned.
    public enum Returned: Hashable, Sendable {
        case object(Int)
        case null
    }

    public struct Step: Sendable, Equatable {
        public var action: SlabAction
        public var state: Snapshot
        public var returned: Returned?
        /// Property names this step, or the state it left, broke.
        public var violated: [String]

        public init(action: SlabAction, state: Snapshot, returned: Returned?, violated: [String]) {
            self.action = action
            self.state = state
            self.returned = returned
            self.violated = violated
        }
    }

    public var origin: Origin
    public var initial: Snapshot
    public var steps: [Step]

    public init(origin: Origin, initial: Snapshot, steps: [Step]) {
        self.origin = origin
        self.initial = initial
        self.steps = steps
    }
}

extension SlabTrace {
    /// Re-runs `actions` on the model from its initial state: the trace of what the model does.
    /// Fails naming the first action that is not enabled where the trace takes it.
    public static func run(_ actions: [SlabAction], on model: SlabModel, origin: Origin) -> Result<
        SlabTrace, TraceError
    > {
        var state = SlabState.initial(model.layout)
        var steps: [Step] = []
        for (i, action) in actions.enumerated() {
            guard let outcome = model.step(action, from: state) else {
                return .failure(TraceError("step \(i + 1): \(action) is not possible in the state before it"))
            }
            state = outcome.state
            let broken = outcome.violations.union(model.violations(in: state))
            let returned: Returned? =
                switch outcome.returned {
                case .some(.some(let o)): .object(o)
                case .some(.none): .null
                case .none: nil
                }
            steps.append(
                Step(
                    action: action, state: Snapshot(state, layout: model.layout), returned: returned,
                    violated: broken.indices.map { model.propertyNames[$0] }))
        }
        return .success(
            SlabTrace(origin: origin, initial: Snapshot(.initial(model.layout), layout: model.layout), steps: steps))
    }
}

extension SlabTrace {
    /// The trace as the model runs its actions, with the model's own states and violations: what
    /// `show` draws, so that it never draws a step the model cannot take or trusts a recorded
    /// `violated` field. `property` is the user's property the trace records, judged beside the
    /// built-in ones. Fails naming the first step the model cannot take, or the first state or
    /// verdict that differs from the recorded one.
    public func judgedByTheModel(with property: Property? = nil) -> Result<SlabTrace, TraceError> {
        let base = SlabModel(configuration: origin.configuration, variant: origin.variant)
        let run: Result<SlabTrace, TraceError>
        if let property {
            do {
                run = SlabTrace.run(
                    steps.map(\.action), on: try PropertyModel(base, properties: [property]), origin: origin)
            } catch {
                return .failure(TraceError("#meta.propertySource: \(error.description)"))
            }
        } else {
            run = SlabTrace.run(steps.map(\.action), on: base, origin: origin)
        }
        let judged: SlabTrace
        switch run {
        case .failure(let error): return .failure(error)
        case .success(let trace): judged = trace
        }
        if judged.initial != initial { return .failure(TraceError("the initial state is not the model's")) }
        for (i, (recorded, own)) in zip(steps, judged.steps).enumerated() {
            if recorded.state != own.state {
                return .failure(
                    TraceError("step \(i + 1): the recorded state is not the one the model reaches by \(own.action)"))
            }
            if Set(recorded.violated) != Set(own.violated) {
                let shown = own.violated.isEmpty ? "none" : own.violated.joined(separator: ", ")
                return .failure(TraceError("step \(i + 1): the recorded violations are not the model's (\(shown))"))
            }
        }
        return .success(judged)
    }
}
