/// `<linux/list.h>` over the model's slab lists: `list_add` at the head, `list_add_tail` at the
/// tail, `list_del` wherever the slab is. Order matters: it decides which objects a refill takes.
extension Kernel {
    /// `entry = list.next`, or nil when `entry == &list` (the list is empty).
    mutating func first(_ list: SlabList) throws(Crash) -> SlabRef? {
        let l = layout.list(list)
        guard when(s[l.count] > V(constant: 0)) else { return nil }
        guard let slot = oracle.pick(s[l.slots], below: config.pages) else { throw .listCorrupt }
        return layout.slab(slot)
    }

    /// The kernel unlinks through the slab's own pointers; the model finds the slab first. It asks
    /// which list holds the slab, then where on it: one decision per list, where asking slot by
    /// slot would split the symbolic engine's paths over every length of every list searched.
    mutating func listDel(_ slab: SlabRef) {
        for list in SlabList.allCases {
            let l = layout.list(list)
            guard when(holds(l, slab)) else { continue }
            // The first place that holds it: past all the others, the last one, unasked.
            var k = 0
            while k < config.pages - 1, !when(holds(l, slab, at: k)) { k += 1 }
            for j in k..<(config.pages - 1) { s[l.slots + j] = s[l.slots + j + 1] }
            s[l.count] = s[l.count] - V(constant: 1)
            return
        }
    }

    /// `slab` is at some place of `l` (`pages` is at least 1).
    func holds(_ l: ListRef, _ slab: SlabRef) -> V.Condition {
        (1..<config.pages).reduce(holds(l, slab, at: 0)) { $0.or(holds(l, slab, at: $1)) }
    }

    /// `slab` is at place `k` of `l`.
    func holds(_ l: ListRef, _ slab: SlabRef, at k: Int) -> V.Condition {
        (V(constant: k) < s[l.count]).and(s[l.slots + k] == V(constant: slab.slot))
    }

    mutating func listAdd(_ slab: SlabRef, _ list: SlabList) throws(Crash) {
        let l = layout.list(list)
        guard when(s[l.count] < V(constant: config.pages)) else { throw .listCorrupt }
        for j in stride(from: config.pages - 1, to: 0, by: -1) { s[l.slots + j] = s[l.slots + j - 1] }
        s[l.slots] = V(constant: slab.slot)
        s[l.count] = s[l.count] + V(constant: 1)
    }

    mutating func listAddTail(_ slab: SlabRef, _ list: SlabList) throws(Crash) {
        let l = layout.list(list)
        guard when(s[l.count] < V(constant: config.pages)) else { throw .listCorrupt }
        V.store(V(constant: slab.slot), into: &s.cells, base: l.slots, count: config.pages, at: s[l.count])
        s[l.count] = s[l.count] + V(constant: 1)
    }
}
