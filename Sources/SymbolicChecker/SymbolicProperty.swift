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
    /// That a state fails it, with fresh witness variables for what it quantifies over: some
    /// value of them satisfies it exactly where `holds` is false. One object's places for the
    /// solver to look at, where `holds`'s negation is a disjunction over every object. It is only
    /// ever asked, never assumed negated (its negation speaks of the witnesses alone); nil where
    /// the property has no such form. `KInduction` asks it, where the states are any; BMC's
    /// frames, near the initial state, are answered as fast by `holds`'s negation.
    public var broken: StateFormula?
    /// What breaks it in a step; nil for a state property.
    public var violation: StepViolation?

    public init(name: String, holds: StateFormula?, broken: StateFormula? = nil, violation: StepViolation?) {
        self.name = name
        self.holds = holds
        self.broken = broken
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
            name: property.rawValue, holds: holds, broken: property == .conservation ? conservationBroken : nil,
            violation: holds == nil ? .flagged(property) : nil)
    }

    /// `conservation` fails in `state`: a place is stray, or a fresh witness object `w` of a live
    /// slab is in no place or in two (`SlabProperties.conservationBroken`).
    func conservationBroken(_ state: SlabState<SymbolicValue>) throws(SymbolicError) -> Term {
        let properties = model.properties
        do throws(Z3Error) {
            let w = try context.freshConstant(prefix: "w", sort: context.bitVectorSort(width: width.bits))
            return try properties.conservationFails(state, witness: SymbolicValue(variable: w)).term(in: context)
        } catch {
            throw .z3(error)
        }
    }
}
