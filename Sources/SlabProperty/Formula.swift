import SlabModel

/// A condition in a property: comparisons, connectives, bounded quantifiers, membership.
public indirect enum Formula: Hashable, Sendable {
    case literal(Bool)
    case comparison(Comparison, Quantity, Quantity)
    case not(Formula)
    case and(Formula, Formula)
    case or(Formula, Formula)
    case implies(Formula, Formula)
    case forAll(Binding, Formula)
    case exists(Binding, Formula)
    /// The object is among `entries[0..<avail]` of the array.
    case onArray(Quantity, ArraySelector)
    /// The slab slot is on the list.
    case onList(Quantity, SlabList)
    /// The step taken is one of these (`alloc`, `free`, `reap`, …). Step properties only.
    case stepIs([String])
    /// The condition in the state before the step. Step properties only.
    case old(Formula)
}

public enum Comparison: String, Sendable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="
}

/// A variable and the finite set of indices it ranges over.
public struct Binding: Hashable, Sendable {
    public var name: String
    public var domain: Domain

    public init(_ name: String, in domain: Domain) {
        self.name = name
        self.domain = domain
    }
}

/// What a quantifier ranges over: every CPU, slab slot (live or dead: filter with `s.live`),
/// object identity (`slot·num + i`) or task.
public enum Domain: String, CaseIterable, Sendable {
    case cpus, slabs, objects, tasks

    func size(in layout: Layout) -> Int {
        switch self {
        case .cpus: layout.config.cpus
        case .slabs: layout.config.pages
        case .objects: layout.objects
        case .tasks: layout.config.tasks
        }
    }
}
