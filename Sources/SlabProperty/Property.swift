import SlabModel

/// A user's property: a name and what must hold.
///
/// A state property is judged on every reachable state, a step property on every step (the
/// state before it, the state after it, and the step itself). Both are syntax trees, so both
/// engines judge them. An explicit-only property is a Swift closure the solver cannot read: the
/// explicit engine judges it and the symbolic engines refuse it by name, rather than skip it.
public struct Property: Sendable {
    public enum Kind: Sendable {
        case state(Formula)
        case step(Formula)
        case explicitOnly(@Sendable (Snapshot) -> Bool)
    }

    public var name: String
    public var kind: Kind

    public init(_ name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// A state property, written with the builders (`forAll`, `held[o]`, `ac[c].avail`, …).
    public init(_ name: String, _ formula: () -> Formula) {
        self.init(name, kind: .state(formula()))
    }

    /// A step property: `old(…)` reads the state before the step, `step.is(…)` the step taken.
    public static func step(_ name: String, _ formula: () -> Formula) -> Property {
        Property(name, kind: .step(formula()))
    }

    /// A property only the explicit engine can judge: any Swift code over the readable state.
    public static func explicitOnly(_ name: String, _ predicate: @escaping @Sendable (Snapshot) -> Bool) -> Property {
        Property(name, kind: .explicitOnly(predicate))
    }

    public var isStepProperty: Bool {
        if case .step = kind { return true }
        return false
    }
}
