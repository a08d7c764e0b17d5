/// `<linux/list.h>` over the model's slab lists: `list_add` at the head, `list_add_tail` at the
/// tail, `list_del` wherever the slab is. Order matters: it decides which objects a refill takes.
extension Kernel {
    /// `entry = list.next` of a list the caller knows is not empty: runs `body` with that slab.
    mutating func first(_ list: SlabList, _ body: (inout Kernel, SlabRef) throws -> Void) throws {
        let l = layout.list(list)
        try flow.pick(s[l.slots], below: config.pages, else: .crash(.listCorrupt)) { slot in
            try body(&self, layout.slab(slot))
        }
    }

    /// The kernel unlinks through the slab's own pointers; the model finds the slab first. It asks
    /// which list holds the slab, then where on it: one question per list, where asking slot by
    /// slot would split the path explorer's paths over every length of every list searched.
    mutating func listDel(_ slab: SlabRef) throws {
        // `SlabList`'s raw values are 0, 1, 2, in `allCases` order.
        func list(_ i: Int) -> ListRef { layout.list(SlabList(rawValue: i) ?? .free) }
        try flow.first(
            in: 0..<SlabList.allCases.count, where: { i in holds(list(i), slab) },
            { i in
                // The first place that holds it: past all the others, the last one, unasked.
                try flow.first(
                    in: 0..<(config.pages - 1), where: { k in holds(list(i), slab, at: k) },
                    { k in unlink(list(i), at: k) }, otherwise: { unlink(list(i), at: config.pages - 1) })
            }, otherwise: {})
    }

    /// Closes the gap at place `k` of `l`.
    mutating func unlink(_ l: ListRef, at k: Int) {
        for j in k..<(config.pages - 1) { s[l.slots + j] = s[l.slots + j + 1] }
        s[l.count] = s[l.count] - V(constant: 1)
    }

    /// `slab` is at some place of `l` (`pages` is at least 1).
    func holds(_ l: ListRef, _ slab: SlabRef) -> V.Condition {
        (1..<config.pages).reduce(holds(l, slab, at: 0)) { $0.or(holds(l, slab, at: $1)) }
    }

    /// `slab` is at place `k` of `l`.
    func holds(_ l: ListRef, _ slab: SlabRef, at k: Int) -> V.Condition {
        (V(constant: k) < s[l.count]).and(s[l.slots + k] == V(constant: slab.slot))
    }

    mutating func listAdd(_ slab: SlabRef, _ list: SlabList) throws {
        let l = layout.list(list)
        try flow.ensure(s[l.count] < V(constant: config.pages), else: .listCorrupt)
        for j in stride(from: config.pages - 1, to: 0, by: -1) { s[l.slots + j] = s[l.slots + j - 1] }
        s[l.slots] = V(constant: slab.slot)
        s[l.count] = s[l.count] + V(constant: 1)
    }

    mutating func listAddTail(_ slab: SlabRef, _ list: SlabList) throws {
        let l = layout.list(list)
        try flow.ensure(s[l.count] < V(constant: config.pages), else: .listCorrupt)
        s.store(V(constant: slab.slot), base: l.slots, count: config.pages, at: s[l.count])
        s[l.count] = s[l.count] + V(constant: 1)
    }
}
