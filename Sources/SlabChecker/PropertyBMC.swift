import SlabModel
import SymbolicChecker
import Z3Kit

/// Bounded model checking of user properties over the derived transition relation: depth by
/// depth from the initial state, so the first run found is a shortest one.
///
/// The built-in properties go through `BoundedModelChecker`; this loop reads `SymbolicProperty`
/// formulas by name instead, so the symbolic engine itself needs no change to judge new ones.
struct PropertyBMC {
    let system: TransitionSystem
    var timeout: Duration?

    enum Finding {
        case violated([SlabAction])
        /// Nothing within `depth` steps; `reason` says why the search stopped there.
        case bounded(depth: Int, reason: String)
    }

    func run(_ properties: [SymbolicProperty], depth maxDepth: Int) throws -> [String: Finding] {
        let context = system.context
        let started = ContinuousClock.now
        let solver = try Solver(context)
        var findings: [String: Finding] = [:]
        var open = properties
        var frames = [try system.frame(0, prefix: "u")]
        try solver.assert(system.isInitial(frames[0]))
        var reached = -1
        for k in 0...max(maxDepth, 0) where !open.isEmpty {
            if k > 0 {
                frames.append(try system.frame(k, prefix: "u"))
                try solver.assert(system.transition(from: frames[k - 1], to: frames[k]))
            }
            for p in open {
                let bad: Term
                if let h = p.holds {
                    bad = try system.instantiate(h, at: frames[k]).not()
                } else if k > 0, let v = p.violation {
                    bad = try system.instantiate(v, at: frames[k - 1])
                } else {
                    continue
                }
                if let timeout {
                    let left = timeout - (ContinuousClock.now - started)
                    guard left > .zero else {
                        for q in open { findings[q.name] = .bounded(depth: reached, reason: "time limit reached before depth \(k)") }
                        return findings
                    }
                    try solver.setTimeout(left)
                }
                let literal = try context.freshConstant(prefix: "bad", sort: context.boolSort)
                try solver.assert(literal.implies(bad))
                switch try solver.check(assumptions: [literal]) {
                case .unsat: continue
                case .unknown(let reason):
                    findings[p.name] = .bounded(depth: reached, reason: "Z3 answered unknown at depth \(k): \(reason)")
                case .sat:
                    let model = try solver.model()
                    var actions: [SlabAction] = []
                    for i in 0..<k {
                        guard let a = try system.action(of: frames[i], in: model) else {
                            throw SymbolicError.internalError("step \(i + 1) of a Z3 counterexample names no action")
                        }
                        actions.append(a)
                    }
                    findings[p.name] = .violated(actions)
                }
            }
            open.removeAll { findings[$0.name] != nil }
            reached = k
        }
        for p in open { findings[p.name] = .bounded(depth: reached, reason: "depth \(maxDepth) reached") }
        return findings
    }
}
