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

    mutating func listDel(_ slab: SlabRef) {
        for list in SlabList.allCases {
            let l = layout.list(list)
            for k in 0..<config.pages {
                guard when(V(constant: k) < s[l.count]) else { break }
                if when(s[l.slots + k] == V(constant: slab.slot)) {
                    for j in k..<(config.pages - 1) { s[l.slots + j] = s[l.slots + j + 1] }
                    s[l.count] = s[l.count] - V(constant: 1)
                    return
                }
            }
        }
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
