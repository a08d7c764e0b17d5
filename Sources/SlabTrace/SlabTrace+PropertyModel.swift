import SlabModel
import SlabProperty

extension SlabTrace {
    /// `SlabTrace.run` on the model with the user's properties. A counterexample to one of them
    /// records its text, and its steps name it where they break it; the user's other properties
    /// are left out, since a reader of the trace alone could not judge them.
    package static func run(_ actions: [SlabAction], on model: PropertyModel, origin: Origin) -> Result<
        SlabTrace, TraceError
    > {
        run(actions, on: model.base, origin: origin).map { trace in
            var trace = trace
            if trace.origin.propertySource == nil, let p = model.extra.first(where: { $0.name == origin.property }) {
                trace.origin.propertySource = p.specText
            }
            var state = SlabState.initial(model.layout)
            let builtIns = model.base.propertyNames.count
            for (i, action) in actions.enumerated() {
                let s = model.successor(of: state, via: action)
                let broken = s.violations.union(model.violations(in: s.state))
                trace.steps[i].violated += broken.indices.filter { $0 >= builtIns }.map { model.propertyNames[$0] }
                    .filter { $0 == origin.property }
                state = s.state
            }
            return trace
        }
    }
}
