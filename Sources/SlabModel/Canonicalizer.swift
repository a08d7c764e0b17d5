/// Brings a state to the form the explicit engine stores: don't-care cells zeroed, and with symmetry
/// reduction one representative per orbit of CPU and slab-slot renamings.
///
/// Why renaming is sound: CPUs (with the tasks on them) are interchangeable, and so are slab slots,
/// because which dead slot a grow fills only picks a name. A renamed state has renamed successors,
/// and every property is blind to names, so checking one state per orbit checks them all.
struct Canonicalizer: Sendable {
    let layout: Layout
    let variant: Variant
    let cpuPermutations: [[Int]]

    init(layout: Layout, variant: Variant) {
        self.layout = layout
        self.variant = variant
        cpuPermutations = permutations(of: Array(0..<layout.config.cpus))
    }

    var config: Configuration { layout.config }

    /// Whether the task keeps an `ac` pointer across steps in this status (else it is a don't-care).
    func holdsAc(_ status: Int) -> Bool {
        switch TaskStatus(rawValue: status) {
        case .sleepingInGrow: variant == .staleAc
        case .irqsOnBeforeNullTest, .irqsOnBeforeRetryTest, .irqsOnBeforeDecrement, .irqsOnBeforeRead: true
        default: false
        }
    }

    /// MODEL.md's canonical state: cells the kernel could never read are zeroed.
    func normalized(_ cells: [Int]) -> [Int] {
        var c = cells
        for ac in [layout.shared] + (0..<config.cpus).map(layout.ac) {
            for i in max(c[ac.avail], 0)..<max(ac.capacity, max(c[ac.avail], 0)) { c[ac.entries + i] = 0 }
        }
        for list in SlabList.allCases {
            let l = layout.list(list)
            for i in max(c[l.count], 0)..<max(config.pages, max(c[l.count], 0)) { c[l.slots + i] = 0 }
        }
        for slot in 0..<config.pages {
            let slab = layout.slab(slot)
            var onChain = Array(repeating: false, count: config.num)
            if c[slab.live] != 0 {
                var index = c[slab.free]
                while (0..<config.num).contains(index), !onChain[index] {
                    onChain[index] = true
                    index = c[slab.bufctl + index]
                }
            } else {
                c[slab.inuse] = 0
                c[slab.free] = 0
            }
            for i in 0..<config.num where !onChain[i] { c[slab.bufctl + i] = 0 }
        }
        for t in 0..<config.tasks {
            let task = layout.task(t)
            if !holdsAc(c[task.status]) {
                c[task.acCpu] = 0
                c[task.acStale] = 0
            }
            if c[task.status] != TaskStatus.irqsOnBeforeRead.rawValue { c[task.index] = 0 }
        }
        return c
    }

    /// Renames slots so that live slabs are numbered in list order (partial, full, free, each from
    /// its head) and dead ones after them. A state whose lists do not hold each live slab exactly
    /// once keeps its names: still sound, only less reduced.
    func slotsInListOrder(_ cells: [Int]) -> [Int] {
        var order: [Int] = []
        for list in SlabList.allCases {
            let l = layout.list(list)
            guard (0...config.pages).contains(cells[l.count]) else { return cells }
            for i in 0..<cells[l.count] { order.append(cells[l.slots + i]) }
        }
        let live = (0..<config.pages).filter { cells[layout.slab($0).live] != 0 }
        guard order.count == live.count, Set(order) == Set(live) else { return cells }
        order += (0..<config.pages).filter { cells[layout.slab($0).live] == 0 }
        var rename = Array(repeating: 0, count: config.pages)
        for (new, old) in order.enumerated() { rename[old] = new }
        return renamed(cells, slots: rename)
    }

    func renamed(_ cells: [Int], slots rename: [Int]) -> [Int] {
        var c = cells
        let num = config.num
        for old in 0..<config.pages {
            let from = layout.slab(old), to = layout.slab(rename[old])
            for f in 0..<(3 + num) { c[to.base + f] = cells[from.base + f] }
            for i in 0..<num { c[layout.held(rename[old] * num + i)] = cells[layout.held(old * num + i)] }
        }
        for list in SlabList.allCases {
            let l = layout.list(list)
            for i in 0..<max(0, min(cells[l.count], config.pages)) { c[l.slots + i] = rename[cells[l.slots + i]] }
        }
        for ac in [layout.shared] + (0..<config.cpus).map(layout.ac) {
            for i in 0..<max(0, min(cells[ac.avail], ac.capacity)) {
                let object = cells[ac.entries + i]
                if (0..<layout.objects).contains(object) {
                    c[ac.entries + i] = rename[object / num] * num + object % num
                }
            }
        }
        return c
    }

    /// CPU `c`'s array becomes CPU `perm[c]`'s; tasks follow, then are sorted, since tasks are
    /// interchangeable too.
    func renamed(_ cells: [Int], cpus perm: [Int]) -> [Int] {
        var c = cells
        for old in 0..<config.cpus {
            let from = layout.ac(old), to = layout.ac(perm[old])
            for f in 0..<(4 + from.capacity) { c[to.base + f] = cells[from.base + f] }
        }
        var tasks: [[Int]] = (0..<config.tasks).map { t in
            let task = layout.task(t)
            let status = cells[task.status]
            let holds = holdsAc(status)
            return [
                status, perm[cells[task.cpu]], holds ? perm[cells[task.acCpu]] : 0, holds ? cells[task.acStale] : 0,
                cells[task.index],
            ]
        }
        tasks.sort { $0.lexicographicallyPrecedes($1) }
        for (t, fields) in tasks.enumerated() {
            for (f, value) in fields.enumerated() { c[layout.task(t).base + f] = value }
        }
        return c
    }
}

/// Every ordering of `items` (n! of them: fine for the handful of CPUs a model checker can take).
func permutations(of items: [Int]) -> [[Int]] {
    guard items.count > 1 else { return [items] }
    return items.indices.flatMap { i -> [[Int]] in
        var rest = items
        let head = rest.remove(at: i)
        return permutations(of: rest).map { [head] + $0 }
    }
}
