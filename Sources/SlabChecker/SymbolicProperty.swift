import SlabModel
import SlabProperty
import SymbolicChecker
import Z3Kit

/// A user's property as formulas over the transition system: a state property as `holds` on a
/// frame's state, a step property as a `violation` over `s`, the selector `sel` and the state
/// after, `t`.
///
/// Both come from `Evaluation` run on symbolic values, the very code the explicit engine runs on
/// integers. The engines tie `t` to the step's relation where they unroll it.
extension SymbolicProperty {
    /// Refuses an explicit-only property by name: the solver cannot read a Swift closure. A
    /// formula whose building runs out of `budget` is a time limit, as a solver's would be.
    public init(_ property: Property, in system: TransitionSystem, budget: EvaluationBudget) throws {
        let context = system.context
        let layout = system.model.layout
        switch property.kind {
        case .explicitOnly:
            throw PropertyError([
                "property `\(property.name)` is explicit-only: the bmc and induction engines cannot encode a Swift closure; check it with the explicit engine"
            ])
        case .state(let f):
            /// `f` on `state` as a term: `read` is `holds` or `fails` of an evaluation there.
            func formula(
                _ state: SlabState<SymbolicValue>,
                _ read: (Evaluation<SymbolicValue>) throws(Z3Error) -> SymbolicCondition
            ) throws(SymbolicError) -> Term {
                let condition: SymbolicCondition
                do throws(Z3Error) {
                    var evaluation = Evaluation(layout: layout, state: try wide(state))
                    evaluation.budget = budget
                    condition = try read(evaluation)
                } catch {
                    throw .z3(error)
                }
                if budget.wasAbandoned {
                    throw .timeLimit("time limit reached building property `\(property.name)`")
                }
                do throws(Z3Error) {
                    return try condition.term(in: context)
                } catch {
                    throw .z3(error)
                }
            }
            /// A fresh 64-bit variable for a quantifier's witness (a Z3 error surfaces when the
            /// formula is made a term). Its range is left whole: one narrowed to the domain would
            /// fold away the test that keeps it there, which the solver needs.
            func witness() -> SymbolicValue {
                do throws(Z3Error) {
                    return SymbolicValue(
                        variable: try context.freshConstant(prefix: "w", sort: context.bitVectorSort(width: 64)))
                } catch {
                    return .failed(error)
                }
            }
            self.init(
                name: property.name,
                holds: { (state) throws(SymbolicError) in try formula(state) { $0.holds(f) } },
                broken: { (state) throws(SymbolicError) in try formula(state) { $0.fails(f, witness: witness) } },
                violation: nil)
        case .step(let f):
            let facts = try Self.stepFacts(system)
            var evaluation = Evaluation(
                layout: layout, state: try wide(system.afterState), before: try wide(system.plainState), step: facts)
            evaluation.budget = budget
            let ok = evaluation.holds(f)
            if budget.wasAbandoned {
                throw SymbolicError.timeLimit("time limit reached building property `\(property.name)`")
            }
            self.init(name: property.name, holds: nil, violation: .formula(try ok.term(in: context).not()))
        }
    }

    /// The step chosen by `sel`, for `step is …` and `step.<argument>`.
    static func stepFacts(_ system: TransitionSystem) throws -> StepFacts<SymbolicValue> {
        let context = system.context
        let chosen: [SymbolicCondition] = try system.actions.indices.map { i in
            .formula(
                try system.selector.eq(context.bitVector(UInt64(i), width: system.selectorWidth)), positive: true,
                atom: nil)
        }
        return StepFacts(
            isStep: { names in
                var any = SymbolicCondition(constant: false)
                for (i, a) in system.actions.enumerated() where names.contains(a.name) { any = any.or(chosen[i]) }
                return any
            },
            argument: { name in
                var value = SymbolicValue.constant(-1)
                for (i, a) in system.actions.enumerated() {
                    guard let arg = a.arguments.first(where: { $0.name == name }) else { continue }
                    value = SymbolicValue.select(chosen[i], .constant(arg.value), value)
                }
                return value
            })
    }
}

/// `state` with every cell a 64-bit term: a property's arithmetic wraps at 64 bits, as the
/// explicit engine's does (Documentation/Model.md, Properties), not at the encoding's narrow width,
/// where `freeObjects * 1000` would wrap and judge a different number.
func wide(_ state: SlabState<SymbolicValue>) throws(Z3Error) -> SlabState<SymbolicValue> {
    var cells = state.cells
    for (i, cell) in cells.enumerated() {
        guard case .term(let t, let range, _) = cell, let width = t.bitWidth, width < 64 else { continue }
        let extended = try t.signExtend(by: 64 - width)
        cells[i] = .term(extended, range, .offset(base: extended, baseRange: range, by: 0))
    }
    return SlabState(cells: cells)
}
