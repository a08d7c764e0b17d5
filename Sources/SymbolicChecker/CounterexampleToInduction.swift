import SlabModel
import Z3Kit

/// Why the step case failed at the last k tried: k states that satisfy the invariant, each
/// followed by a step, into a state that breaks it. None of them need be reachable; this is what
/// the next strengthening conjunct must rule out, so a run prints it rather than just saying "no".
public struct CounterexampleToInduction: Sendable {
    /// s_0 … s_k: the first k satisfy every conjunct, the last breaks `failing` (or the last step
    /// breaks a step property, when `failing` is empty).
    public var states: [SlabState<Int>]
    /// actions[i] is the step from states[i] to states[i + 1].
    public var actions: [SlabAction]
    /// The conjuncts s_k breaks.
    public var failing: [String]

    /// Decodes the step case's model, then re-runs each step on the concrete model: a step the
    /// concrete model does not take the same way is an internal error, as for a BMC trace.
    init(frames: [Frame], failing: [String], in z3model: Z3Kit.Assignment, system: TransitionSystem)
        throws(SymbolicError)
    {
        var named: [SlabAction?] = []
        let decoded: [SlabState<Int>]
        do {
            decoded = try frames.map { f throws(Z3Error) in try system.state(of: f, in: z3model) }
            named = try frames.dropLast().map { f throws(Z3Error) in try system.action(of: f, in: z3model) }
        } catch {
            throw .z3(error)
        }
        var steps: [SlabAction] = []
        for (i, a) in named.enumerated() {
            guard let a else {
                throw .internalError("step case: step \(i + 1) of the counterexample to induction names no action")
            }
            steps.append(a)
        }
        try self.init(states: decoded, actions: steps, failing: failing, model: system.model)
    }

    /// Checks each step on the concrete model.
    init(states: [SlabState<Int>], actions: [SlabAction], failing: [String], model: SlabModel) throws(SymbolicError) {
        self.states = states
        self.actions = actions
        self.failing = failing
        for (i, action) in actions.enumerated() {
            let concrete = model.step(action, from: states[i])?.state
            guard concrete?.cells == states[i + 1].cells else {
                throw .internalError(
                    "step case: step \(i + 1) of the counterexample to induction, \(action), "
                        + (concrete == nil
                            ? "is not enabled on the concrete model" : "ends elsewhere on the concrete model"))
            }
        }
    }
}
