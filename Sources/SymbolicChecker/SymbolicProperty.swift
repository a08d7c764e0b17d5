import SlabModel
import Z3Kit

/// A property as BMC and induction judge it: formulas over the transition system's variables,
/// named so that built-in and user properties go through the same loops.
public struct SymbolicProperty {
    public var name: String
    /// That a state satisfies it, evaluated on a frame's symbolic state (`Frame.state`); nil for
    /// a step property. Evaluated per frame, not once over `s`, so that the cells a frame fixes are
    /// constants while the property is built: a free-list walk over constants is no formula at all.
    public var holds: StateFormula?
    /// What breaks it in a step; nil for a state property.
    public var violation: StepViolation?

    public init(name: String, holds: StateFormula?, violation: StepViolation?) {
        self.name = name
        self.holds = holds
        self.violation = violation
    }
}

/// A state property's formula for one symbolic state.
public typealias StateFormula = (SlabState<SymbolicValue>) throws(SymbolicError) -> Term

/// How a step breaks a step property.
public enum StepViolation {
    /// The model flags it on the paths that break it (the model's step properties): the relation
    /// of each step says which of its paths those are.
    case flagged(BuiltInProperty)
    /// A formula over the state before the step (`s`), its action (`sel`) and the state after it
    /// (`t`) is true.
    case formula(Term)
}

extension TransitionSystem {
    /// A built-in property of Documentation/Model.md (Properties) as formulas.
    public func symbolic(_ property: BuiltInProperty) throws(SymbolicError) -> SymbolicProperty {
        let holds = holds(property)
        return SymbolicProperty(
            name: property.rawValue, holds: holds, violation: holds == nil ? .flagged(property) : nil)
    }
}
