import SlabModel

/// What one evaluation of a property met on its way, shared by every copy of `Evaluation` made
/// for a sub-expression (hence a class): its divisions by zero, as one condition, and whether it
/// ran out of its budget.
final class EvaluationRecord<V: ModelValue> {
    var byZero = V.Condition(constant: false)
    var abandoned = false
    let budget: EvaluationBudget?
    /// Iterations since the budget was last looked at: the clock is read once per
    /// `ticksPerLook`, which keeps the cost of the check far below that of the loops it guards.
    private var ticks = 0
    static var ticksPerLook: Int { 1024 }

    init(budget: EvaluationBudget?) { self.budget = budget }

    func record(_ condition: V.Condition) {
        if condition.constantValue != false { byZero = byZero.or(condition) }
    }

    /// One more iteration of a quantifier or a sum; true once the evaluation must stop.
    func tick() -> Bool {
        if abandoned { return true }
        guard let budget else { return false }
        ticks += 1
        if ticks < Self.ticksPerLook { return false }
        ticks = 0
        abandoned = budget.isSpent()
        return abandoned
    }
}
