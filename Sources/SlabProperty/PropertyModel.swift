import ModelKit
import SlabModel

/// The SLAB model with a user's properties after the built-in ones, for the explicit engine.
///
/// `package`, not `public`: the checkers, replay and the Swift Testing helpers build it from a
/// user's `Property` values; a user's own package never needs it.
///
/// Property indices `0..<BuiltInProperty.allCases.count` are the built-ins; the user's follow in
/// order. States are stored in canonical form renaming only the kinds of names every user
/// property is blind to (`namedKinds`): one that names a CPU (`ac[0].avail`) could change its
/// verdict if CPUs were renamed, but lets tasks, slots and objects be renamed still.
package struct PropertyModel: CompactModel {
    package typealias State = SlabState<Int>
    package typealias Action = SlabAction

    package let base: SlabModel
    package let extra: [Property]
    /// The time the user's properties may take on one state, so that a `--max-seconds` budget
    /// holds inside an expensive property too.
    public var budget: EvaluationBudget?

    /// The model with the built-in properties only.
    package init(_ base: SlabModel) {
        self.base = base
        extra = []
        symmetry = .all
    }

    /// Fails with every problem of the configuration (one built in Swift has met no spec parser)
    /// and of every property (unbound names, step facts in a state property, too many properties
    /// for the engine's 64-bit property set).
    package init(_ base: SlabModel, properties: [Property]) throws(PropertyError) {
        var problems = base.layout.config.problems.map(\.message) + properties.flatMap(\.problems)
        let names = properties.map(\.name)
        for (i, name) in names.enumerated() where names[..<i].contains(name) {
            problems.append("property `\(name)` is defined twice")
        }
        if base.propertyNames.count + properties.count > 64 {
            problems.append("at most \(64 - base.propertyNames.count) properties of your own, got \(properties.count)")
        }
        if !problems.isEmpty { throw PropertyError(problems) }
        self.base = base
        extra = properties
        symmetry = properties.reduce(Symmetry.all) { $0.subtracting($1.namedKinds) }
    }

    /// The kinds of names that may be renamed without changing a verdict of these properties.
    package let symmetry: Symmetry

    package var layout: Layout { base.layout }
    package var propertyNames: [String] { base.propertyNames + extra.map(\.name) }
    package var coverageNames: [String] { base.coverageNames }
    package var wordCount: Int { base.wordCount }

    /// The index of a property by name (built-in or the user's).
    package func index(of name: String) -> Int? { propertyNames.firstIndex(of: name) }

    package func initialStates() -> [State] { base.initialStates() }

    package func actions(in state: State, into actions: inout [SlabAction]) { base.actions(in: state, into: &actions) }

    package func successor(of state: State, via action: SlabAction) -> Successor<State> {
        var s = base.successor(of: state, via: action)
        s.violations.formUnion(stepViolations(from: state, to: s.state, via: action))
        return s
    }

    package func successors(of state: State, into successors: inout [(action: SlabAction, successor: Successor<State>)])
    {
        let first = successors.count
        base.successors(of: state, into: &successors)
        guard !extra.isEmpty else { return }
        for i in first..<successors.count {
            let (action, s) = successors[i]
            successors[i].successor.violations.formUnion(stepViolations(from: state, to: s.state, via: action))
        }
    }

    package func violations(in state: State) -> PropertySet {
        var broken = base.violations(in: state)
        let offset = base.propertyNames.count
        for (i, p) in extra.enumerated() {
            switch p.kind {
            case .state(let f):
                if !evaluation(state).holds(f) { broken.insert(PropertySet(index: offset + i)) }
            case .explicitOnly(let predicate):
                if !predicate(Snapshot(state, layout: layout)) { broken.insert(PropertySet(index: offset + i)) }
            case .step: break
            }
        }
        return broken
    }

    func evaluation(_ state: State, before: State? = nil, step: StepFacts<Int>? = nil) -> Evaluation<Int> {
        var e = Evaluation(layout: layout, state: state, before: before, step: step)
        e.budget = budget
        return e
    }

    /// The step properties the step from `before` to `after` by `action` breaks.
    package func stepViolations(from before: State, to after: State, via action: SlabAction) -> PropertySet {
        var broken = PropertySet()
        let offset = base.propertyNames.count
        for (i, p) in extra.enumerated() {
            guard case .step(let f) = p.kind else { continue }
            if !evaluation(after, before: before, step: StepFacts(action)).holds(f) {
                broken.insert(PropertySet(index: offset + i))
            }
        }
        return broken
    }

    /// Whether the user's property `name` divides by zero where `actions` end, which is then why
    /// it is violated there; false for a built-in property or actions the model cannot take.
    package func dividesByZero(_ name: String, after actions: [SlabAction]) -> Bool {
        guard let property = extra.first(where: { $0.name == name }) else { return false }
        var state = SlabState.initial(layout)
        var before = state
        for action in actions {
            guard let outcome = base.step(action, from: state) else { return false }
            before = state
            state = outcome.state
        }
        switch property.kind {
        // A state property may break in the initial state, after no step at all.
        case .state(let f): return Evaluation(layout: layout, state: state).dividesByZero(f)
        case .step(let f):
            guard let last = actions.last else { return false }
            return Evaluation(layout: layout, state: state, before: before, step: StepFacts(last)).dividesByZero(f)
        case .explicitOnly: return false
        }
    }

    package func isTerminal(_ state: State) -> Bool { base.isTerminal(state) }

    package func encode(_ state: State, symmetry: Symmetry, into words: UnsafeMutableBufferPointer<UInt64>) {
        base.encode(state, symmetry: symmetry.intersection(self.symmetry), into: words)
    }

    package func decode(_ words: UnsafeBufferPointer<UInt64>) -> State { base.decode(words) }

    package func isSameState(_ a: State, _ b: State) -> Bool { base.isSameState(a, b) }
}

/// Properties that cannot be judged, each problem on its own line.
public struct PropertyError: Error, CustomStringConvertible, Sendable {
    public var problems: [String]

    public init(_ problems: [String]) { self.problems = problems }

    public var description: String { problems.joined(separator: "\n") }
}
