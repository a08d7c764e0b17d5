import SlabModel
import SlabTrace

extension SlabTrace {
    /// `SlabTrace.run` on the model with the user's properties: each step also names the user's
    /// properties it, or the state it left, broke.
    public static func run(_ actions: [SlabAction], on model: PropertyModel, origin: Origin) -> Result<SlabTrace, TraceError> {
        run(actions, on: model.base, origin: origin).map { trace in
            var trace = trace
            var state = SlabState.initial(model.layout)
            let builtIns = model.base.propertyNames.count
            for (i, action) in actions.enumerated() {
                let s = model.successor(of: state, via: action)
                let broken = s.violations.union(model.violations(in: s.state))
                trace.steps[i].violated += broken.indices.filter { $0 >= builtIns }.map { model.propertyNames[$0] }
                state = s.state
            }
            return trace
        }
    }
}
