/// Facts of every reachable state that the model's properties take for granted but do not state,
/// which induction needs as strengthening: without them a state the properties admit, and no run
/// reaches, steps into a violation (the counterexample to induction each was added for is named).
///
/// Written over `ModelValue` like the properties, so the conjunct induction proves is this code.
public enum AuxiliaryInvariant: String, CaseIterable, Sendable {
    /// Every entry of a slab list, below its count, names a slab slot. `list-placement` counts
    /// where each slot is and so says nothing of an entry that names none; medium's step case
    /// found `slabsPartial = [3, 0, 3]` (three pages), which `cache_reap` links twice.
    case listsHoldSlabs = "lists-hold-slabs"
}

extension SlabProperties {
    /// Whether `s` satisfies `invariant`.
    public func holds<V: ModelValue>(_ invariant: AuxiliaryInvariant, in s: SlabState<V>) -> V.Condition {
        switch invariant {
        case .listsHoldSlabs: listsHoldSlabs(s)
        }
    }

    func listsHoldSlabs<V: ModelValue>(_ s: SlabState<V>) -> V.Condition {
        var ok = V.Condition(constant: true)
        for list in SlabList.allCases {
            let l = layout.list(list)
            for i in 0..<config.pages {
                let present = V(constant: i) < s[l.count]
                if present.constantValue == false { break }
                let slot = s[l.slots + i]
                ok = ok.and(present.negated.or((slot >= V(constant: 0)).and(slot < V(constant: config.pages))))
            }
        }
        return ok
    }
}
