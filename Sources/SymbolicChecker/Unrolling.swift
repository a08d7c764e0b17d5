import ModelKit
import SlabModel
import Z3Kit

/// The merged circuit laid out along a run: one `CircuitFrame` per state, each step the same
/// circuit with `s` and `sel` renamed to a frame's. BMC and k-induction both unroll this.
public final class Unrolling {
    public let system: TransitionSystem
    public let circuit: Circuit
    public private(set) var frames: [CircuitFrame] = []
    private let prefix: String

    /// `prefix` names the frames' variables, so that two unrollings in one context stay apart.
    public init(system: TransitionSystem, circuit: Circuit, prefix: String) {
        self.system = system
        self.circuit = circuit
        self.prefix = prefix
    }

    /// Adds the next frame: the initial state (its cells constants) when `initial`, else a fresh
    /// variable per cell.
    @discardableResult
    public func addFrame(initial: Bool = false) throws(Z3Error) -> CircuitFrame {
        let context = system.context
        let bits = system.width.bits
        let index = frames.count
        var values: [Term] = []
        var constants: [Int?] = []
        let start = SlabState<Int>.initial(system.model.layout).cells
        for c in 0..<system.model.layout.cellCount {
            if initial {
                values.append(try numeral(start[c], width: bits, context))
                constants.append(start[c])
            } else {
                values.append(try context.bitVectorConstant("\(prefix)\(index)_\(c)", width: bits))
                constants.append(nil)
            }
        }
        let selector = try context.bitVectorConstant("\(prefix)sel\(index)", width: system.selectorWidth)
        let frame = CircuitFrame(values: values, constants: constants, selector: selector)
        frames.append(frame)
        return frame
    }

    /// Adds the next frame as the image of the last one under the circuit, with what constant
    /// propagation shows: a cell whose value the last frame's known cells fix (whatever its other
    /// cells hold) is that constant, the others fresh variables. The returned term ties them to
    /// the circuit (the step's `enabled` and each unknown cell's value); the solver then never sees
    /// the parts of the circuit that the known cells rule out.
    public func addImageFrame() throws(Z3Error) -> Term {
        let context = system.context
        let index = frames.count
        let last = frames[index - 1]
        var renaming = [(from: system.selector, to: last.selector)]
        for (v, x) in zip(system.variables, last.values) { renaming.append((from: v, to: x)) }
        var root = circuit.next[0]
        for t in circuit.next.dropFirst() { root = try root.concat(t) }
        let image = try root.substitute(renaming).simplify()
        let bits = system.width.bits
        var values: [Term] = []
        var constants: [Int?] = []
        var ties = [try circuit.enabled.substitute(renaming).simplify()]
        let total = circuit.next.count * bits
        for c in circuit.next.indices {
            let high = total - 1 - c * bits
            let value = try image.extract(high: high, low: high - bits + 1).simplify()
            if let raw = value.uint64Value {
                values.append(value)
                constants.append(signedCellValue(raw, width: bits))
            } else {
                let x = try context.bitVectorConstant("\(prefix)\(index)_\(c)", width: bits)
                values.append(x)
                constants.append(nil)
                ties.append(try x.eq(value))
            }
        }
        let selector = try context.bitVectorConstant("\(prefix)sel\(index)", width: system.selectorWidth)
        frames.append(CircuitFrame(values: values, constants: constants, selector: selector))
        return try context.and(ties)
    }

    /// `term` (over `s` and `sel`) at frame `i`.
    public func instantiate(_ term: Term, at i: Int) throws(Z3Error) -> Term {
        let f = frames[i]
        return try term.substitute(
            [(from: system.selector, to: f.selector)] + zip(system.variables, f.values).map { (from: $0, to: $1) })
    }

    /// `term` (over `s`, `sel` and `t`) for the step from frame `i` to frame `i + 1`.
    public func instantiate(step term: Term, from i: Int) throws(Z3Error) -> Term {
        let f = frames[i]
        let g = frames[i + 1]
        return try term.substitute(
            [(from: system.selector, to: f.selector)] + zip(system.variables, f.values).map { (from: $0, to: $1) }
                + zip(system.afterVariables, g.values).map { (from: $0, to: $1) })
    }

    /// The step from frame `i` to frame `i + 1`: an enabled action, and every cell as the circuit
    /// says. One substitution of all the circuit's roots, so shared sub-terms are renamed once.
    public func transition(from i: Int) throws(Z3Error) -> Term {
        let f = frames[i]
        let renaming =
            [(from: system.selector, to: f.selector)] + zip(system.variables, f.values).map { (from: $0, to: $1) }
        var parts = [circuit.enabled]
        for (t, n) in zip(system.afterVariables, circuit.next) { parts.append(try t.eq(n)) }
        let roots = try system.context.and(parts)
        let after = zip(system.afterVariables, frames[i + 1].values).map { (from: $0, to: $1) }
        return try roots.substitute(renaming + after)
    }

    /// That the step from frame `i` to `i + 1` breaks `violation`.
    public func violation(_ violation: StepViolation, from i: Int) throws(Z3Error) -> Term {
        switch violation {
        case .flagged(let property):
            guard let flagged = circuit.stepViolation[property] else { return try system.context.bool(false) }
            return try instantiate(flagged, at: i)
        case .formula(let term):
            return try instantiate(step: term, from: i)
        }
    }

    /// `free_objects` at frame `i` lies in the band where the encoding is exact.
    public func inBand(at i: Int) throws(Z3Error) -> Term {
        try instantiate(system.freeObjectsInBand(), at: i)
    }

    /// The concrete state frame `i` holds in `z3model`.
    public func state(at i: Int, in z3model: Assignment) throws(Z3Error) -> SlabState<Int> {
        let f = frames[i]
        var cells: [Int] = []
        for (c, x) in f.values.enumerated() {
            if let k = f.constants[c] {
                cells.append(k)
            } else if let raw = try z3model.uint64Value(of: x) {
                cells.append(signedCellValue(raw, width: system.width.bits))
            } else {
                cells.append(0)
            }
        }
        return SlabState(cells: cells)
    }

    /// The actions of the steps from frame 0 to frame `k` in `z3model`.
    public func actions(to k: Int, in z3model: Assignment) throws -> [SlabAction] {
        var actions: [SlabAction] = []
        for i in 0..<k {
            guard let raw = try z3model.uint64Value(of: frames[i].selector), raw < UInt64(system.actions.count) else {
                throw SymbolicError.internalError("step \(i + 1) of a Z3 run names no action")
            }
            actions.append(system.actions[Int(raw)])
        }
        return actions
    }
}

/// One state of an unrolling: a term per cell (a numeral where the cell is known) and the
/// selector of the step taken from it.
public struct CircuitFrame {
    public let values: [Term]
    public let constants: [Int?]
    public let selector: Term

    /// The state for a property to be evaluated on.
    public var state: SlabState<SymbolicValue> {
        SlabState(cells: zip(constants, values).map { k, x in k.map { .constant($0) } ?? SymbolicValue(variable: x) })
    }
}
