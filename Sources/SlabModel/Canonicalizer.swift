/// Brings a state to the form the explicit engine stores: don't-care cells zeroed, and with symmetry
/// reduction one representative per orbit of CPU and slab-slot renamings.
///
/// Why renaming is sound: CPUs (with the tasks on them) are interchangeable, and so are slab slots,
/// because which dead slot a grow fills only picks a name. A renamed state has renamed successors,
/// and every property is blind to names, so checking one state per orbit checks them all.
///
/// This runs once per transition, so it works in caller-provided scratch memory and allocates
/// nothing.
struct Canonicalizer: Sendable {
    let layout: Layout
    let variant: Variant
    let cpuPermutations: [[Int]]
    /// Every renaming of slots, for states whose lists name no order; empty when there are too
    /// many (more than 6 pages), where such states keep their names: sound, less reduced, and a
    /// counterexample through them is found again without symmetry.
    let slotPermutations: [[Int]]

    init(layout: Layout, variant: Variant) {
        self.layout = layout
        self.variant = variant
        cpuPermutations = permutations(of: Array(0..<layout.config.cpus))
        slotPermutations = layout.config.pages <= 6 ? permutations(of: Array(0..<layout.config.pages)) : []
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

    /// Per slot, the object indices on its free chain, as a bit mask (only these `bufctl` entries
    /// are state).
    func chainMasks(_ cells: UnsafeBufferPointer<Int>, into masks: UnsafeMutableBufferPointer<UInt64>) {
        for slot in 0..<config.pages {
            let slab = layout.slab(slot)
            var mask: UInt64 = 0
            if cells[slab.live] != 0 {
                var index = cells[slab.free]
                while index >= 0, index < config.num, mask & (1 << UInt64(index)) == 0 {
                    mask |= 1 << UInt64(index)
                    index = cells[slab.bufctl + index]
                }
            }
            masks[slot] = mask
        }
    }

    /// The renaming that numbers live slabs in list order (partial, full, free, each from its
    /// head) and dead ones after them. False when the lists do not hold each live slab exactly
    /// once (only a mutant gets there): list order then names nothing, and the caller must take
    /// the least of all renamings.
    func slotRenaming(_ cells: UnsafeBufferPointer<Int>, into rename: UnsafeMutableBufferPointer<Int>) -> Bool {
        let pages = config.pages
        for slot in 0..<pages { rename[slot] = -1 }
        var next = 0
        var wellFormed = true
        for list in SlabList.allCases where wellFormed {
            let l = layout.list(list)
            let count = cells[l.count]
            guard count >= 0, count <= pages else { wellFormed = false; break }
            for i in 0..<count {
                let slot = cells[l.slots + i]
                guard slot >= 0, slot < pages, rename[slot] == -1, cells[layout.slab(slot).live] != 0 else {
                    wellFormed = false
                    break
                }
                rename[slot] = next
                next += 1
            }
        }
        if wellFormed {
            for slot in 0..<pages where rename[slot] == -1 {
                if cells[layout.slab(slot).live] != 0 { wellFormed = false }
            }
        }
        guard wellFormed else { return false }
        for slot in 0..<pages where rename[slot] == -1 {
            rename[slot] = next
            next += 1
        }
        return true
    }

    /// Writes into `out` the state `cells` with slots renamed by `rename`, CPUs by `perm`, tasks
    /// sorted, and every don't-care cell zeroed (MODEL.md's canonical state).
    func write(
        _ cells: UnsafeBufferPointer<Int>, chains: UnsafeBufferPointer<UInt64>, slots rename: UnsafeBufferPointer<Int>,
        cpus perm: UnsafeBufferPointer<Int>, into out: UnsafeMutableBufferPointer<Int>
    ) {
        let num = config.num
        func object(_ o: Int) -> Int {
            o >= 0 && o < layout.objects ? rename[o / num] * num + o % num : o
        }
        func copyArray(_ from: ArrayCacheRef, _ to: ArrayCacheRef) {
            let avail = cells[from.avail]
            out[to.avail] = avail
            out[to.limit] = cells[from.limit]
            out[to.batchcount] = cells[from.batchcount]
            out[to.touched] = cells[from.touched]
            for i in 0..<from.capacity { out[to.entries + i] = i < avail ? object(cells[from.entries + i]) : 0 }
        }
        out[layout.freeObjects] = cells[layout.freeObjects]
        out[layout.freeTouched] = cells[layout.freeTouched]
        out[layout.freeLimit] = cells[layout.freeLimit]
        out[layout.crash] = cells[layout.crash]
        copyArray(layout.shared, layout.shared)
        for c in 0..<config.cpus { copyArray(layout.ac(c), layout.ac(perm[c])) }
        for old in 0..<config.pages {
            let from = layout.slab(old), to = layout.slab(rename[old])
            let live = cells[from.live] != 0
            out[to.live] = cells[from.live]
            out[to.inuse] = live ? cells[from.inuse] : 0
            out[to.free] = live ? cells[from.free] : 0
            for i in 0..<num { out[to.bufctl + i] = chains[old] & (1 << UInt64(i)) != 0 ? cells[from.bufctl + i] : 0 }
            for i in 0..<num { out[layout.held(rename[old] * num + i)] = cells[layout.held(old * num + i)] }
        }
        for list in SlabList.allCases {
            let l = layout.list(list)
            let count = cells[l.count]
            out[l.count] = count
            for i in 0..<config.pages { out[l.slots + i] = i < count ? rename[cells[l.slots + i]] : 0 }
        }
        let width = layout.taskStride
        for t in 0..<config.tasks {
            let task = layout.task(t), to = TaskRef(base: task.base)
            let status = cells[task.status]
            let holds = holdsAc(status)
            out[to.status] = status
            out[to.cpu] = perm[cells[task.cpu]]
            out[to.acCpu] = holds ? perm[cells[task.acCpu]] : 0
            out[to.acStale] = holds ? cells[task.acStale] : 0
            out[to.index] = status == TaskStatus.irqsOnBeforeRead.rawValue ? cells[task.index] : 0
        }
        // Tasks are interchangeable: sort their records (insertion sort; there are a handful).
        let base = layout.task(0).base
        for t in stride(from: 1, to: config.tasks, by: 1) {
            var j = t
            while j > 0, precedes(out, base + j * width, base + (j - 1) * width, width) {
                for f in 0..<width { out.swapAt(base + j * width + f, base + (j - 1) * width + f) }
                j -= 1
            }
        }
    }

    /// CPUs in canonical order, as a permutation (`perm[old] = new`), without trying them all:
    /// each CPU gets a key made of its own array and the tasks on it, blind to every label, and
    /// CPUs are numbered by key. When keys tie the CPUs are identical, so either order gives the
    /// same state. Nil when some task holds a pointer to a CPU's array (`stale-ac`,
    /// `grow-fail-irqs-on`): that links CPUs, and the caller must try every permutation.
    func cpuOrder(
        _ cells: UnsafeBufferPointer<Int>, slots rename: UnsafeBufferPointer<Int>, into perm: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        let cpus = config.cpus
        for t in 0..<config.tasks where holdsAc(cells[layout.task(t).status]) { return false }
        let num = config.num
        let capacity = layout.entryCapacity
        let taskFields = 2
        let keyLength = 4 + capacity + config.tasks * taskFields
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: cpus * keyLength) { keys in
            for c in 0..<cpus {
                let ac = layout.ac(c)
                let key = c * keyLength
                let avail = cells[ac.avail]
                keys[key] = avail
                keys[key + 1] = cells[ac.limit]
                keys[key + 2] = cells[ac.batchcount]
                keys[key + 3] = cells[ac.touched]
                for i in 0..<capacity {
                    let o = i < avail ? cells[ac.entries + i] : 0
                    keys[key + 4 + i] = o >= 0 && o < layout.objects ? rename[o / num] * num + o % num : o
                }
                var n = 0
                let tasks = key + 4 + capacity
                for t in 0..<config.tasks where cells[layout.task(t).cpu] == c {
                    let task = layout.task(t)
                    var j = n
                    let record = (cells[task.status], cells[task.status] == TaskStatus.irqsOnBeforeRead.rawValue ? cells[task.index] : 0)
                    while j > 0, (keys[tasks + (j - 1) * taskFields], keys[tasks + (j - 1) * taskFields + 1]) > record {
                        keys[tasks + j * taskFields] = keys[tasks + (j - 1) * taskFields]
                        keys[tasks + j * taskFields + 1] = keys[tasks + (j - 1) * taskFields + 1]
                        j -= 1
                    }
                    keys[tasks + j * taskFields] = record.0
                    keys[tasks + j * taskFields + 1] = record.1
                    n += 1
                }
                for k in (n * taskFields)..<(config.tasks * taskFields) { keys[tasks + k] = -1 }
            }
            func precedes(_ a: Int, _ b: Int) -> Bool {
                for k in 0..<keyLength where keys[a * keyLength + k] != keys[b * keyLength + k] {
                    return keys[a * keyLength + k] < keys[b * keyLength + k]
                }
                return false
            }
            // perm[old] = the number of CPUs that come before it (ties broken by old number).
            for c in 0..<cpus {
                var rank = 0
                for d in 0..<cpus where d != c && (precedes(d, c) || (!precedes(c, d) && d < c)) { rank += 1 }
                perm[c] = rank
            }
            return true
        }
    }

    private func precedes(_ out: UnsafeMutableBufferPointer<Int>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
        for f in 0..<count where out[a + f] != out[b + f] { return out[a + f] < out[b + f] }
        return false
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
