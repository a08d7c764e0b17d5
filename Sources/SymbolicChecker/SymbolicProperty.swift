import SlabModel
import Z3Kit

/// A property as BMC and induction judge it: formulas over the transition system's variables,
/// named so that built-in and user properties go through the same loops.
public struct SymbolicProperty {
    public var name: String
    /// That a state satisfies it, over the state variables `s`; nil for a step property.
    public var holds: Term?
    /// That the step `sel` chooses from `s` breaks it; nil for a state property.
    public var violation: Term?

    public init(name: String, holds: Term?, violation: Term?) {
        self.name = name
        self.holds = holds
        self.violation = violation
    }
}

extension TransitionSystem {
    /// A built-in property of MODEL.md §4 as formulas.
    public func symbolic(_ property: BuiltInProperty) throws(SymbolicError) -> SymbolicProperty {
        SymbolicProperty(name: property.rawValue, holds: try holds(property), violation: stepViolation[property])
    }
}
