import SlabModel
import Z3Kit

/// The states reachable within a few steps, enumerated by Z3 (each solution blocked until none
/// is left): the symbolic relation's own count, to hold against breadth-first search's.
public enum ReachableStates {
    /// Every distinct state (cell for cell) at depth 0 through `depth` of the unrolling;
    /// `newAtDepth` sees the states first met at each depth, as soon as that depth is done.
    @discardableResult
    public static func enumerate(
        _ system: TransitionSystem, within depth: Int, newAtDepth: ([SlabState<Int>]) -> Void = { _ in }
    ) throws(SymbolicError) -> [SlabState<Int>] {
        let context = system.context
        var found: [SlabState<Int>] = []
        var seen: Set<[Int]> = []
        do {
            let solver = try Solver(context, flavor: .simple)
            var frames = [try system.frame(step: 0, prefix: "r")]
            try solver.assert(system.isInitial(frames[0]))
            for k in 0...max(depth, 0) {
                if k > 0 {
                    frames.append(try system.frame(step: k, prefix: "r"))
                    try solver.assert(system.transition(from: frames[k - 1], to: frames[k]))
                }
                let before = found.count
                try solver.push()
                // States met at an earlier depth are blocked here too: only new ones are solutions.
                for state in found { try solver.assert(differs(frames[k], from: state, system)) }
                while true {
                    switch try solver.check() {
                    case .unsat:
                        break
                    case .unknown(let reason):
                        throw SymbolicError.internalError("Z3 answered unknown while counting states: \(reason)")
                    case .sat:
                        let state = try system.state(of: frames[k], in: solver.model())
                        guard seen.insert(state.cells).inserted else {
                            throw SymbolicError.internalError("Z3 found a blocked state again")
                        }
                        found.append(state)
                        try solver.assert(differs(frames[k], from: state, system))
                        continue
                    }
                    break
                }
                try solver.pop()
                newAtDepth(Array(found[before...]))
            }
        } catch {
            throw .from(error)
        }
        return found
    }

    /// `frame` is not `state`.
    static func differs(_ frame: Frame, from state: SlabState<Int>, _ system: TransitionSystem) throws(Z3Error) -> Term {
        var parts: [Term] = []
        for (c, x) in frame.cells.enumerated() {
            guard let x else { continue }
            parts.append(try x.neq(numeral(state.cells[c], like: x)))
        }
        return try system.context.or(parts)
    }
}
