import ModelKit

/// Brings a state to the form the explicit engine stores: don't-care cells zeroed, and with symmetry
/// reduction one representative per orbit of the renamings of the kinds asked for (tasks, CPUs,
/// slab slots, the objects within a slab).
///
/// Why renaming is sound: tasks are interchangeable (each step is offered for every task), CPUs
/// (with the tasks on them) are interchangeable, and so are slab slots, because which dead slot a
/// grow fills only picks a name. A renamed state has renamed successors, so where every property
/// judged is blind to the renamed kinds, checking one state per orbit checks them all. Each kind
/// is renamed only when asked for, so a property that names a task still lets CPUs be renamed.
///
/// The objects of one live slab are interchangeable too: `free_block` and the refill never compare
/// object indices, they only follow and relink the `bufctl` chain. A grow does give a new slab the
/// fixed chain `0, 1, …`, but only in a dead slot, where no object of that slab is anywhere in the
/// state, so two states that differ by renaming a live slab's objects have the same futures up to
/// that renaming (a bisimulation). Any rule that picks one member of such a class is sound; the
/// rule here (chain order, then first appearance) makes most of the class collapse to one state.
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

    /// Whether entry `i` of CPU `c`'s array is state: below `avail`, or the one a task of
    /// `grow-fail-irqs-on` is about to read, which its decrement has just put at `avail` (so
    /// the model's rule that entries from `avail` up are don't-cares does not hold for it).
    func keepsEntry(_ cells: UnsafeBufferPointer<Int>, cpu c: Int, _ i: Int) -> Bool {
        if i < cells[layout.ac(c).avail] { return true }
        for t in 0..<config.tasks {
            let task = layout.task(t)
            if cells[task.status] == TaskStatus.irqsOnBeforeRead.rawValue, cells[task.acCpu] == c,
                cells[task.index] == i
            {
                return true
            }
        }
        return false
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
            guard count >= 0, count <= pages else {
                wellFormed = false
                break
            }
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
    /// sorted when `sortingTasks`, and every don't-care cell zeroed (the canonical state).
    func write(
        _ cells: UnsafeBufferPointer<Int>, chains: UnsafeBufferPointer<UInt64>, slots rename: UnsafeBufferPointer<Int>,
        objects names: UnsafeBufferPointer<Int>, cpus perm: UnsafeBufferPointer<Int>, sortingTasks: Bool,
        into out: UnsafeMutableBufferPointer<Int>
    ) {
        let num = config.num
        func object(_ o: Int) -> Int { o >= 0 && o < layout.objects ? names[o] : o }
        /// An object index within slot `old`'s slab (a `free` head or a `bufctl` link); `END` and
        /// wild values keep theirs.
        func index(_ old: Int, _ i: Int) -> Int { i >= 0 && i < num ? names[old * num + i] % num : i }
        func copyArray(_ from: ArrayCacheRef, _ to: ArrayCacheRef, keeps: (Int) -> Bool) {
            out[to.avail] = cells[from.avail]
            out[to.limit] = cells[from.limit]
            out[to.batchcount] = cells[from.batchcount]
            out[to.touched] = cells[from.touched]
            for i in 0..<from.capacity { out[to.entries + i] = keeps(i) ? object(cells[from.entries + i]) : 0 }
        }
        out[layout.freeObjects] = cells[layout.freeObjects]
        out[layout.freeTouched] = cells[layout.freeTouched]
        out[layout.freeLimit] = cells[layout.freeLimit]
        out[layout.crash] = cells[layout.crash]
        copyArray(layout.shared, layout.shared) { $0 < cells[layout.shared.avail] }
        for c in 0..<config.cpus { copyArray(layout.ac(c), layout.ac(perm[c])) { keepsEntry(cells, cpu: c, $0) } }
        for old in 0..<config.pages {
            let from = layout.slab(old)
            let to = layout.slab(rename[old])
            let live = cells[from.live] != 0
            out[to.live] = cells[from.live]
            out[to.inuse] = live ? cells[from.inuse] : 0
            out[to.free] = live ? index(old, cells[from.free]) : 0
            for i in 0..<num { out[to.bufctl + i] = 0 }
            for i in 0..<num where chains[old] & (1 << UInt64(i)) != 0 {
                out[to.bufctl + index(old, i)] = index(old, cells[from.bufctl + i])
            }
            for i in 0..<num { out[layout.held(names[old * num + i])] = cells[layout.held(old * num + i)] }
        }
        for list in SlabList.allCases {
            let l = layout.list(list)
            let count = cells[l.count]
            out[l.count] = count
            for i in 0..<config.pages { out[l.slots + i] = i < count ? rename[cells[l.slots + i]] : 0 }
        }
        let width = layout.taskStride
        for t in 0..<config.tasks {
            let task = layout.task(t)
            let to = TaskRef(base: task.base)
            let status = cells[task.status]
            let holds = holdsAc(status)
            out[to.status] = status
            out[to.cpu] = perm[cells[task.cpu]]
            out[to.acCpu] = holds ? perm[cells[task.acCpu]] : 0
            out[to.acStale] = holds ? cells[task.acStale] : 0
            out[to.index] = status == TaskStatus.irqsOnBeforeRead.rawValue ? cells[task.index] : 0
        }
        // Tasks are interchangeable: sort their records (insertion sort; there are a handful).
        guard sortingTasks else { return }
        let base = layout.task(0).base
        for t in stride(from: 1, to: config.tasks, by: 1) {
            var j = t
            while j > 0, precedes(out, base + j * width, base + (j - 1) * width, width) {
                for f in 0..<width { out.swapAt(base + j * width + f, base + (j - 1) * width + f) }
                j -= 1
            }
        }
    }

    /// Every object's name in the stored form (`names[old] = new`): its slab's new slot, and within
    /// the slab, first the free chain in chain order, then the objects in order of first
    /// appearance in the shared array and the CPU arrays (CPUs in their new order), then the rest
    /// by how many callers hold them. Without symmetry, only the slot changes.
    func objectNames(
        _ cells: UnsafeBufferPointer<Int>, slots rename: UnsafeBufferPointer<Int>, cpus perm: UnsafeBufferPointer<Int>,
        symmetric: Bool, into names: UnsafeMutableBufferPointer<Int>
    ) {
        let num = config.num
        let pages = config.pages
        let objects = layout.objects
        guard symmetric else {
            for o in 0..<objects { names[o] = rename[o / num] * num + o % num }
            return
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: pages + config.cpus) { scratch in
            let next = UnsafeMutableBufferPointer(rebasing: scratch[0..<pages])
            let byNewCpu = UnsafeMutableBufferPointer(rebasing: scratch[pages...])
            for slot in 0..<pages { next[slot] = 0 }
            for o in 0..<objects { names[o] = -1 }
            func name(_ o: Int) {
                guard o >= 0, o < objects, names[o] == -1 else { return }
                let slot = o / num
                names[o] = rename[slot] * num + next[slot]
                next[slot] += 1
            }
            func nameEntries(_ ac: ArrayCacheRef, keeps: (Int) -> Bool) {
                for i in 0..<ac.capacity where keeps(i) { name(cells[ac.entries + i]) }
            }
            for slot in 0..<pages where cells[layout.slab(slot).live] != 0 {
                let slab = layout.slab(slot)
                var index = cells[slab.free]
                while index >= 0, index < num, names[slot * num + index] == -1 {
                    name(slot * num + index)
                    index = cells[slab.bufctl + index]
                }
            }
            nameEntries(layout.shared) { $0 < cells[layout.shared.avail] }
            for c in 0..<config.cpus { byNewCpu[perm[c]] = c }
            for new in 0..<config.cpus {
                let c = byNewCpu[new]
                nameEntries(layout.ac(c)) { keepsEntry(cells, cpu: c, $0) }
            }
            for slot in 0..<pages {
                while next[slot] < num {
                    var least = -1
                    for o in (slot * num)..<(slot * num + num) where names[o] == -1 {
                        if least == -1 || cells[layout.held(o)] < cells[layout.held(least)] { least = o }
                    }
                    name(least)
                }
            }
        }
    }

    /// CPUs in canonical order, as a permutation (`perm[old] = new`), without trying them all:
    /// each CPU gets a key made of its own array and the tasks on it, blind to the labels that
    /// `symmetry` renames, and CPUs are numbered by key. Where objects are renamed, an entry counts
    /// in the key only by its slab, since the object's own name is settled afterwards
    /// (`objectNames`) by where it appears; where tasks are renamed, a task counts only by its
    /// record. CPUs whose keys tie then come out the same whichever goes first. False when some
    /// task holds a pointer to a CPU's array (`stale-ac`, `grow-fail-irqs-on`): that links CPUs,
    /// and the caller must try every permutation.
    func cpuOrder(
        _ cells: UnsafeBufferPointer<Int>, slots rename: UnsafeBufferPointer<Int>, symmetry: Symmetry,
        into perm: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        let cpus = config.cpus
        for t in 0..<config.tasks where holdsAc(cells[layout.task(t).status]) { return false }
        let num = config.num
        let capacity = layout.entryCapacity
        let namesObjects = !symmetry.contains(.objects)
        let namesTasks = !symmetry.contains(.tasks)
        let taskFields = 3
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
                    if o >= 0 && o < layout.objects {
                        keys[key + 4 + i] = namesObjects ? rename[o / num] * num + o % num : rename[o / num]
                    } else {
                        keys[key + 4 + i] = o
                    }
                }
                var n = 0
                let tasks = key + 4 + capacity
                for t in 0..<config.tasks where cells[layout.task(t).cpu] == c {
                    let task = layout.task(t)
                    var j = n
                    let record = (
                        namesTasks ? t : 0, cells[task.status],
                        cells[task.status] == TaskStatus.irqsOnBeforeRead.rawValue ? cells[task.index] : 0
                    )
                    func at(_ j: Int) -> (Int, Int, Int) {
                        (
                            keys[tasks + j * taskFields], keys[tasks + j * taskFields + 1],
                            keys[tasks + j * taskFields + 2]
                        )
                    }
                    while j > 0, at(j - 1) > record {
                        for f in 0..<taskFields {
                            keys[tasks + j * taskFields + f] = keys[tasks + (j - 1) * taskFields + f]
                        }
                        j -= 1
                    }
                    (keys[tasks + j * taskFields], keys[tasks + j * taskFields + 1], keys[tasks + j * taskFields + 2]) =
                        record
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
