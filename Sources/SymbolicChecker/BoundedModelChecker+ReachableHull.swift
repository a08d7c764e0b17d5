import SlabModel
import Z3Kit

extension BoundedModelChecker {
    /// Per cell, the hull of the running states the unrolling reaches within `k` steps, by Z3;
    /// nil when Z3 did not answer (the box of intervals then stands).
    ///
    /// A box of intervals is a product of ranges, so a step from it reaches combinations of values
    /// that no run holds at once (on small, a full array *and* a held object), and the next box
    /// holds their results: five steps in, small's box lets the shared array hold two objects
    /// where no run has put one there yet. The unrolling knows better. Starting from box k − 1
    /// (which holds every state within k − 1 steps), each state Z3 finds at `frame` outside the
    /// candidate widens it, until Z3 finds none: that last, unsat answer is the proof that the
    /// hull holds every running state at depth k, given `facts` (what depth k was just shown
    /// to satisfy).
    func reachableHull(_ solver: Solver, frame: Frame, depth k: Int, given facts: [Term], deadline: Deadline) throws
        -> [ClosedRange<Int>]?
    {
        let layout = system.model.layout
        let context = system.context
        let bits = system.width.bits
        var hull = try system.box(afterSteps: k - 1, deadline: deadline).ranges
        let image = try system.box(afterSteps: k, deadline: deadline).ranges
        let running = try frame.values[layout.crash].eq(numeral(0, width: bits, context))
        while true {
            var outside: [Term] = []
            for c in 0..<layout.cellCount where c != layout.crash && frame.constants[c] == nil && hull[c] != image[c] {
                let x = frame.values[c]
                outside.append(try x.slt(numeral(hull[c].lowerBound, width: bits, context)))
                outside.append(try x.sgt(numeral(hull[c].upperBound, width: bits, context)))
            }
            if outside.isEmpty { return hull }
            try deadline.apply(to: solver)
            let (answer, found) = try check(solver, context.and(facts + [running, context.or(outside)]))
            switch answer {
            case .unsat:
                return hull
            case .unknown:
                return nil
            case .sat:
                guard let found else { throw SymbolicError.internalError("Z3 answered sat without a model") }
                let state = try system.state(of: frame, in: found)
                for c in hull.indices where c != layout.crash {
                    hull[c] = IntervalAnalysis.hull(hull[c], state[c]...state[c])
                }
            }
        }
    }
}
