import SlabModel

extension Evaluation {
    /// Where the state fails `f`, told with witnesses: each `forall` the failure goes through
    /// (and each `exists` under a `not`) takes one fresh value from `witness`, kept to its domain,
    /// instead of unrolling into a disjunction over the domain. Some choice of the witnesses
    /// satisfies it exactly where `holds(f)` is false. A solver asked for a failure then looks at
    /// one object's places, not at every object's in turn, as Apalache and Kind 2 negate an
    /// invariant.
    ///
    /// It is for asking only: its negation says that these witnesses do not break `f`, not that
    /// nothing does, so no engine may assume it negated. `witness` must return a value no other
    /// part of the formula shares (a fresh solver variable, left free: the domain is tested here).
    ///
    /// Where a part of `f` divides, the order in which `holds` reads it decides whether a division
    /// by zero counts, and only `and` and `forall` keep that order when taken apart: any other
    /// part that divides is read whole by `holds`.
    ///
    /// An evaluation that runs out of its budget says no failure, as `holds` then says true: the
    /// budget records it, and the caller reports a time limit rather than a verdict.
    public func fails(_ f: Formula, witness: () -> V) -> V.Condition {
        let e = fresh(for: f)
        let result = e.failure(f, witness)
        return e.record.abandoned ? V.Condition(constant: false) : result
    }

    /// `f` fails.
    func failure(_ f: Formula, _ witness: () -> V) -> V.Condition {
        switch f {
        case .and(let a, let b): return failure(a, witness).or(failure(b, witness))
        case .forAll(let binding, let body):
            let (w, inDomain) = witnessed(binding, witness)
            return inDomain.and(bound(binding.name, to: w).failure(body, witness))
        case .old(let a): return inBefore.failure(a, witness)
        default: break
        }
        if f.divides { return holds(f).negated }
        switch f {
        case .or(let a, let b): return failure(a, witness).and(failure(b, witness))
        case .implies(let a, let b): return support(a, witness).and(failure(b, witness))
        case .not(let a): return support(a, witness)
        case .exists(let binding, let body):
            return everyValue(of: binding) { $0.failure(body, witness) }
        default: return condition(f).negated
        }
    }

    /// `f` holds, each `exists` it goes through with a witness. Called only on parts that do not
    /// divide.
    func support(_ f: Formula, _ witness: () -> V) -> V.Condition {
        switch f {
        case .and(let a, let b): return support(a, witness).and(support(b, witness))
        case .or(let a, let b): return support(a, witness).or(support(b, witness))
        case .implies(let a, let b): return failure(a, witness).or(support(b, witness))
        case .not(let a): return failure(a, witness)
        case .exists(let binding, let body):
            let (w, inDomain) = witnessed(binding, witness)
            return inDomain.and(bound(binding.name, to: w).support(body, witness))
        case .forAll(let binding, let body):
            return everyValue(of: binding) { $0.support(body, witness) }
        case .old(let a): return inBefore.support(a, witness)
        default: return condition(f)
        }
    }

    /// A fresh witness for `binding`, and that it lies in the binding's domain.
    func witnessed(_ binding: Binding, _ witness: () -> V) -> (V, V.Condition) {
        let size = binding.domain.size(in: layout)
        let w = witness()
        return (w, (w >= V(constant: 0)).and(w < V(constant: size)))
    }

    /// `part` for every value of `binding`: a quantifier that the failure goes through as a
    /// `forall` (an `exists` it refutes, a `forall` it needs), which no one witness stands for.
    func everyValue(of binding: Binding, _ part: (Evaluation) -> V.Condition) -> V.Condition {
        var result = V.Condition(constant: true)
        for i in 0..<binding.domain.size(in: layout) {
            if record.tick() { break }
            result = result.and(part(bound(binding.name, to: i)))
        }
        return result
    }
}
