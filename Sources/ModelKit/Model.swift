/// What a checker needs from a model, and nothing more (in the spirit of Stateright's `Model`).
///
/// Keeping engines behind this seam lets a second model (another allocator path) plug into the
/// same explicit engine, and keeps the engines from reaching into SLAB specifics.
public protocol Model: Sendable {
    associatedtype State: Sendable
    associatedtype Action: Sendable & CustomStringConvertible

    /// The property names this model can judge; a `PropertySet` indexes into this list.
    var propertyNames: [String] { get }

    /// The names of the branches a step can report taking; bit `i` of `Successor.coverage` is
    /// `coverageNames[i]`. Empty for a model that reports none.
    var coverageNames: [String] { get }

    func initialStates() -> [State]

    /// The actions enabled in `state`, appended to `actions` (which the caller reuses to avoid
    /// allocating per state).
    func actions(in state: State, into actions: inout [Action])

    /// The state after `action`, with the properties the step itself broke (properties about what
    /// happens *during* a step, such as an access with interrupts on, cannot be judged on states).
    func successor(of state: State, via action: Action) -> Successor<State>

    /// The state properties `state` breaks.
    func violations(in state: State) -> PropertySet

    /// A state with no successors by fiat (the kernel oopsed), not because nothing is enabled.
    func isTerminal(_ state: State) -> Bool

    /// Every enabled action with its successor. Engines call this rather than `actions` and
    /// `successor` in turn, so a model that decides enabling by running the step runs it once.
    func successors(of state: State, into successors: inout [(action: Action, successor: Successor<State>)])
}

extension Model {
    public var coverageNames: [String] { [] }

    public func successors(of state: State, into successors: inout [(action: Action, successor: Successor<State>)]) {
        var actions: [Action] = []
        self.actions(in: state, into: &actions)
        for action in actions { successors.append((action, successor(of: state, via: action))) }
    }
}

/// A state reached by one step, with what the step broke on the way.
public struct Successor<State: Sendable>: Sendable {
    public var state: State
    public var violations: PropertySet
    /// The branches the step took, as bits indexing `Model.coverageNames`: not part of the state.
    public var coverage: UInt64

    public init(state: State, violations: PropertySet = [], coverage: UInt64 = 0) {
        self.state = state
        self.violations = violations
        self.coverage = coverage
    }
}
