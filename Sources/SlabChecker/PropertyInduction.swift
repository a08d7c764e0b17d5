import SlabModel
import SymbolicChecker
import Z3Kit

/// k-induction for user properties, strengthened as `Induction` strengthens the built-ins: the
/// invariant is the user's properties together with the packed ranges and MODEL.md's state
/// properties. The base case is `PropertyBMC` to depth k−1 (a strengthening conjunct it refutes
/// is dropped; a refuted user property is violated, with its trace). The step case asks whether
/// k steps from states that satisfy the invariant can reach one that breaks it.
struct PropertyInduction {
    let system: TransitionSystem
    var timeout: Duration?

    enum Finding {
        case holds(k: Int, strengthening: [String])
        case violated([SlabAction])
        case bounded(String)
    }

    func run(_ properties: [SymbolicProperty], maxK: Int) throws -> [String: Finding] {
        let context = system.context
        var strengthening = [SymbolicProperty(name: "ranges", holds: try system.rangeInvariant(), violation: nil)]
        for p in SlabProperties.stateProperties {
            if let h = try system.holds(p) { strengthening.append(SymbolicProperty(name: p.rawValue, holds: h, violation: nil)) }
        }
        let maxK = max(1, maxK)
        let base = try PropertyBMC(system: system, timeout: timeout).run(properties + strengthening, depth: maxK - 1)
        var findings: [String: Finding] = [:]
        for p in properties {
            if case .violated(let actions) = base[p.name] { findings[p.name] = .violated(actions) }
            if case .bounded(_, let reason) = base[p.name], !reason.hasPrefix("depth") { findings[p.name] = .bounded(reason) }
        }
        let open = properties.filter { findings[$0.name] == nil }
        let conjuncts = open + strengthening.filter { base[$0.name].map(Self.isClean) == true }
        guard !open.isEmpty else { return findings }

        let solver = try Solver(context)
        if let timeout { try solver.setTimeout(timeout) }
        var frames = [try system.frame(0, prefix: "v")]
        for k in 1...maxK {
            frames.append(try system.frame(k, prefix: "v"))
            try solver.assert(system.transition(from: frames[k - 1], to: frames[k]))
            var assumed: [Term] = []
            for p in conjuncts {
                if let h = p.holds { assumed.append(try system.instantiate(h, at: frames[k - 1])) }
                if k > 1, let v = p.violation { assumed.append(try system.instantiate(v, at: frames[k - 2]).not()) }
            }
            try solver.assert(context.and(assumed))
            var bad: [Term] = []
            for p in conjuncts {
                if let h = p.holds { bad.append(try system.instantiate(h, at: frames[k]).not()) }
                if let v = p.violation { bad.append(try system.instantiate(v, at: frames[k - 1])) }
            }
            let literal = try context.freshConstant(prefix: "step", sort: context.boolSort)
            try solver.assert(literal.implies(context.or(bad)))
            switch try solver.check(assumptions: [literal]) {
            case .unsat:
                let used = conjuncts.dropFirst(open.count).map(\.name)
                for p in open { findings[p.name] = .holds(k: k, strengthening: used) }
                return findings
            case .unknown(let reason):
                for p in open { findings[p.name] = .bounded("Z3 answered unknown in the step case at k = \(k): \(reason)") }
                return findings
            case .sat: continue
            }
        }
        for p in open { findings[p.name] = .bounded("not inductive up to k = \(maxK) (no counterexample within \(maxK - 1) steps)") }
        return findings
    }

    static func isClean(_ finding: PropertyBMC.Finding) -> Bool {
        if case .bounded(_, let reason) = finding { return reason.hasPrefix("depth") }
        return false
    }
}
