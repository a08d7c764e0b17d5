import ModelKit
import SlabModel
import Z3Kit

/// One step of the transition relation, over `s` and `sel`, from one round of the interval
/// analysis: exact for the states of the box that round started from.
struct StepRelation {
    /// Per cell, its value after the step `sel` chooses (an `ite` over the actions that change
    /// it): a constant cell's value where the box fixes it.
    let next: [Term]
    /// Some action is enabled and `sel` names one of the enabled ones.
    let enabled: Term
    /// Per step property, that the step `sel` takes from `s` breaks it.
    let stepViolation: [BuiltInProperty: Term]

    /// `paths[a]` are the paths of action `a` from `from` (the box's symbolic state).
    init(
        paths explored: [[PathExplorer.Path]], from: SlabState<SymbolicValue>, selector: Term, selectorWidth: Int,
        width: Int,
        context: Context
    ) throws(Z3Error) {
        var enabledParts: [Term] = []
        var before: [Term] = []
        for cell in from.cells { before.append(try cell.term(in: context, width: width)) }
        var nextTerms = before
        var violationParts: [BuiltInProperty: [Term]] = [:]
        for (index, paths) in explored.enumerated().reversed() {
            let live = paths.filter { $0.outcome != nil }
            guard !live.isEmpty else { continue }
            let chosen = try selector.eq(context.bitVector(UInt64(index), width: selectorWidth))
            let guards = try live.map { p throws(Z3Error) in try context.and(p.guardParts) }
            enabledParts.append(try context.and([chosen, context.or(guards)]))
            for c in nextTerms.indices {
                if let value = try Self.nextValue(
                    of: before[c], cell: c, paths: live, guards: guards, width: width, context: context)
                {
                    nextTerms[c] = try context.ite(chosen, then: value, else: nextTerms[c])
                }
            }
            for (p, g) in zip(live, guards) {
                guard let violations = p.outcome?.violations else { continue }
                for property in BuiltInProperty.allCases where violations.contains(property.set) {
                    violationParts[property, default: []].append(try context.and([chosen, g]))
                }
            }
        }
        next = nextTerms
        enabled = try context.or(enabledParts)
        var stepViolation: [BuiltInProperty: Term] = [:]
        for property in BuiltInProperty.allCases where SlabProperties.stateProperties.firstIndex(of: property) == nil {
            stepViolation[property] = try context.or(violationParts[property] ?? [])
        }
        self.stepViolation = stepViolation
    }

    /// A cell's value after one action: an `ite` over the distinct values its paths give it, each
    /// guarded by the disjunction of the paths that give it; nil when no path changes it.
    ///
    /// Only paths that change the cell appear: the paths of one action are disjoint, so when none
    /// of those is taken either another path is (and leaves the cell alone) or the action is not
    /// enabled (and `enabled` rules the step out). This keeps each cell's term proportional to
    /// the paths that write it, not to every path of the action.
    static func nextValue(
        of before: Term, cell c: Int, paths: [PathExplorer.Path], guards: [Term], width: Int, context: Context
    ) throws(Z3Error) -> Term? {
        var values = GuardedValues()
        for (p, g) in zip(paths, guards) {
            guard let cells = p.outcome?.state.cells else { continue }
            let value = try cells[c].term(in: context, width: width)
            if value != before { values.add(value, when: g) }
        }
        // The last value needs no test when every path writes the cell.
        return try values.ite(otherwise: values.count == guards.count ? nil : before, context)
    }
}
