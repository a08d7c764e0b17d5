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
    /// The text that defined it, for a spec's `property:` line: what its traces record.
    public var source: String?

    public init(_ name: String, kind: Kind, source: String? = nil) {
        self.name = name
        self.kind = kind
        self.source = source
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

    /// The property in spec syntax, as a trace records it so that `show` and `replay` can judge it
    /// again: the text it was written in, else its tree written out. Nil for an explicit-only
    /// property, whose closure has no text.
    public var specText: String? {
        if let source { return source }
        switch kind {
        case .state(let f), .step(let f): return f.specSyntax
        case .explicitOnly: return nil
        }
    }

    public var isStepProperty: Bool {
        if case .step = kind { return true }
        return false
    }
}

extension Property {
    /// A state property, or a step property when `formula` reads the step (`old(…)`, `step…`):
    /// how a spec's `property:` line needs no keyword to say which.
    public static func inferred(_ name: String, _ formula: Formula, source: String? = nil) -> Property {
        Property(name, kind: formula.readsStep ? .step(formula) : .state(formula), source: source)
    }
}

extension Formula {
    var readsStep: Bool {
        switch self {
        case .literal: false
        case .old, .stepIs: true
        case .comparison(_, let a, let b): a.readsStep || b.readsStep
        case .not(let a), .forAll(_, let a), .exists(_, let a): a.readsStep
        case .and(let a, let b), .or(let a, let b), .implies(let a, let b): a.readsStep || b.readsStep
        case .onArray(let q, let array): q.readsStep || array.readsStep
        case .onList(let q, _): q.readsStep
        }
    }
}

extension ArraySelector {
    var readsStep: Bool {
        if case .cpu(let c) = self { return c.readsStep }
        return false
    }
}

extension Quantity {
    var readsStep: Bool {
        switch self {
        case .literal, .constant, .variable, .global: false
        case .stepArgument, .old: true
        case .array(let array, _): array.readsStep
        case .entry(let array, let i): array.readsStep || i.readsStep
        case .slab(let i, _), .task(let i, _), .held(let i): i.readsStep
        case .arithmetic(_, let a, let b): a.readsStep || b.readsStep
        case .sum(_, let filter, let body): filter.readsStep || body.readsStep
        }
    }
}
