import ModelKit
import SlabModel
import Z3Kit

/// One position of an unrolling: a fresh variable for each cell its box leaves free, the value
/// for each cell the box fixes, and a selector for the step taken from it. In a run from the
/// initial state a free cell's variable has only the bits its step's outcomes need, extended to a
/// cell (`EncodingWidth.narrowBits`).
public struct Frame {
    /// The value of each fixed cell; nil for a free one.
    public let constants: [Int?]
    /// Each cell as a term: its variable (extended, when narrow), or its value's numeral.
    let values: [Term]
    public let selector: Term
    /// How many steps from the initial state the frame's state is (nil: any number).
    let step: Int?

    /// The term of each free cell, its variable extended if narrow; nil for a fixed one.
    public var cells: [Term?] { zip(constants, values).map { $0 == nil ? $1 : nil } }

    /// The state for a property to be evaluated on: the fixed cells as constants, the free ones as
    /// their terms, unbounded by the box (a state a step ended may lie outside it).
    public var state: SlabState<SymbolicValue> {
        SlabState(cells: zip(constants, values).map { k, x in k.map { .constant($0) } ?? SymbolicValue(variable: x) })
    }
}

extension TransitionSystem {
    /// The state `step` steps into a run from the initial state, named `prefix…`. It holds one of
    /// round `step`'s outcomes, so each free cell's variable has only the bits of their range.
    public func frame(step: Int, prefix: String, deadline: Deadline = .none) throws(SymbolicError) -> Frame {
        try frame(
            step, step: step, prefix: prefix, deadline: deadline,
            narrowedTo: outcomeRanges(afterSteps: step, deadline: deadline))
    }

    /// Any reachable state (induction's step case), at position `index` of its unrolling. Each
    /// free cell keeps every bit: its range is a conjunct Z3 must prove, not one it is given.
    public func frame(anyReachable index: Int, prefix: String) throws(SymbolicError) -> Frame {
        try frame(index, step: nil, prefix: prefix, deadline: .none, narrowedTo: nil)
    }

    /// The first state of induction's step case: any reachable state that takes a step. A step is
    /// taken only while the run goes on, and the hypothesis puts such a state in the converged
    /// box (`ranges`), so each free cell's variable has only the bits of its range there.
    public func frame(anyReachableTakingAStep index: Int, prefix: String) throws(SymbolicError) -> Frame {
        try frame(
            index, step: nil, prefix: prefix, deadline: .none, narrowedTo: box(afterSteps: nil, deadline: .none).ranges)
    }

    /// With `ranges`, a free cell whose range needs fewer bits than a cell is a variable of those
    /// bits, extended (`EncodingWidth.narrowBits`).
    private func frame(
        _ index: Int, step: Int?, prefix: String, deadline: Deadline, narrowedTo ranges: [ClosedRange<Int>]?
    ) throws(SymbolicError) -> Frame {
        let box = try box(afterSteps: step, deadline: deadline)
        do {
            var constants: [Int?] = []
            var values: [Term] = []
            for c in 0..<model.layout.cellCount {
                let k = box.constant(c)
                constants.append(k)
                if let k {
                    values.append(try context.bitVector(UInt64(bitPattern: Int64(k)), width: width.bits))
                } else if let range = ranges?[c], let n = EncodingWidth.narrowBits(for: range, cellBits: width.bits) {
                    let x = try context.bitVectorConstant("\(prefix)\(index)_\(c)", width: n)
                    values.append(try EncodingWidth.extend(x, for: range, cellBits: width.bits))
                } else {
                    values.append(try context.bitVectorConstant("\(prefix)\(index)_\(c)", width: width.bits))
                }
            }
            let selector = try context.bitVectorConstant("\(prefix)sel\(index)", width: selectorWidth)
            return Frame(constants: constants, values: values, selector: selector, step: step)
        } catch {
            throw .z3(error)
        }
    }

    /// `term` (over `s` and `sel`) at `frame`.
    public func instantiate(_ term: Term, at frame: Frame) throws(Z3Error) -> Term {
        try term.substitute([(selector, frame.selector)] + zip(variables, frame.values).map { (from: $0, to: $1) })
    }

    /// `term` (over `s`, `sel` and `t`) for the step from `from` to `to`.
    public func instantiate(_ term: Term, from: Frame, to: Frame) throws(Z3Error) -> Term {
        try term.substitute(
            [(selector, from.selector)] + zip(variables, from.values).map { (from: $0, to: $1) }
                + zip(afterVariables, to.values).map { (from: $0, to: $1) })
    }

    /// The transition from `from` (with its selector) to `to`, by the relation of `to`'s step (the
    /// converged one for a frame of any reachable state).
    public func transition(from: Frame, to: Frame, deadline: Deadline = .none) throws(SymbolicError) -> Term {
        let relation = try relation(forStep: to.step, deadline: deadline)
        do {
            var parts = [try instantiate(relation.enabled, at: from)]
            for (c, x) in to.cells.enumerated() {
                guard let x else { continue }
                parts.append(try x.eq(instantiate(relation.next[c], at: from)))
            }
            return try context.and(parts)
        } catch {
            throw .z3(error)
        }
    }

    /// That the step from `from` to `to` breaks the step property `violation`.
    public func violation(_ violation: StepViolation, from: Frame, to: Frame) throws(SymbolicError) -> Term {
        do {
            switch violation {
            case .flagged(let property):
                let relation = try relation(forStep: to.step, deadline: .none)
                return try instantiate(relation.stepViolation[property] ?? context.bool(false), at: from)
            case .formula(let term):
                return try instantiate(term, from: from, to: to)
            }
        } catch {
            throw .from(error)
        }
    }

    /// `frame` is the initial state.
    public func isInitial(_ frame: Frame) throws(Z3Error) -> Term {
        let initial = SlabState<Int>.initial(model.layout).cells
        var parts: [Term] = []
        for (c, x) in frame.cells.enumerated() {
            guard let x else { continue }
            parts.append(try x.eq(context.bitVector(UInt64(bitPattern: Int64(initial[c])), width: width.bits)))
        }
        return try context.and(parts)
    }

    /// The concrete state `frame` holds in `z3model`.
    public func state(of frame: Frame, in z3model: Z3Kit.Assignment) throws(Z3Error) -> SlabState<Int> {
        var cells: [Int] = []
        for (c, x) in frame.cells.enumerated() {
            if let k = frame.constants[c] {
                cells.append(k)
            } else if let x, let value = try z3model.uint64Value(of: x) {
                cells.append(signedCellValue(value, width: width.bits))
            } else {
                cells.append(0)
            }
        }
        return SlabState(cells: cells)
    }

    /// The action `frame`'s selector names in `z3model`.
    public func action(of frame: Frame, in z3model: Z3Kit.Assignment) throws(Z3Error) -> SlabAction? {
        guard let raw = try z3model.uint64Value(of: frame.selector), raw < UInt64(actions.count) else { return nil }
        return actions[Int(raw)]
    }
}
