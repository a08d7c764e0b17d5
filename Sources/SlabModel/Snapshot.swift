/// A state as a person (and a trace file, and the real allocator) reads it: named fields, only the
/// parts that are state (entries below `avail`, a slab's free list in chain order, live slabs).
///
/// Two states that differ only in don't-care cells have equal snapshots, which is what lets replay
/// compare the model with the real allocator field by field.
public struct Snapshot: Hashable, Sendable {
    public struct ArrayCache: Hashable, Sendable {
        public var avail: Int
        public var limit: Int
        public var batchcount: Int
        public var touched: Int
        /// `ac_entry(ac)[0..<avail]` as object ids (`wild` for a non-object).
        public var entries: [Int]

        public init(avail: Int, limit: Int, batchcount: Int, touched: Int, entries: [Int]) {
            self.avail = avail
            self.limit = limit
            self.batchcount = batchcount
            self.touched = touched
            self.entries = entries
        }
    }

    public struct Slab: Hashable, Sendable {
        public var slot: Int
        public var inuse: Int
        /// The free list from `free` along `bufctl`: object indices until `BUFCTL_END`, stopping
        /// early (at the offending index) where the chain leaves the slab or repeats.
        public var freeList: [Int]

        public init(slot: Int, inuse: Int, freeList: [Int]) {
            self.slot = slot
            self.inuse = inuse
            self.freeList = freeList
        }
    }

    public struct Task: Hashable, Sendable {
        public var status: String
        public var cpu: Int

        public init(status: String, cpu: Int) {
            self.status = status
            self.cpu = cpu
        }
    }

    public var freeObjects: UInt64
    public var freeTouched: Int
    public var freeLimit: Int
    /// The site that ended the run, or "" while it goes on.
    public var crash: String
    public var ac: [ArrayCache]
    public var shared: ArrayCache
    /// Live slabs only, by slot.
    public var slabs: [Slab]
    public var slabsPartial: [Int]
    public var slabsFull: [Int]
    public var slabsFree: [Int]
    public var tasks: [Task]
    /// Objects in callers' hands, ascending, an object as often as it was handed out.
    public var held: [Int]

    public init(
        freeObjects: UInt64, freeTouched: Int, freeLimit: Int, crash: String, ac: [ArrayCache],
        shared: ArrayCache, slabs: [Slab], slabsPartial: [Int], slabsFull: [Int], slabsFree: [Int],
        tasks: [Task], held: [Int]
    ) {
        self.freeObjects = freeObjects
        self.freeTouched = freeTouched
        self.freeLimit = freeLimit
        self.crash = crash
        self.ac = ac
        self.shared = shared
        self.slabs = slabs
        self.slabsPartial = slabsPartial
        self.slabsFull = slabsFull
        self.slabsFree = slabsFree
        self.tasks = tasks
        self.held = held
    }

    public init(_ s: SlabState<Int>, layout: Layout) {
        let config = layout.config
        func array(_ ac: ArrayCacheRef) -> ArrayCache {
            let avail = s[ac.avail]
            return ArrayCache(
                avail: avail, limit: s[ac.limit], batchcount: s[ac.batchcount], touched: s[ac.touched],
                entries: (0..<min(max(avail, 0), ac.capacity)).map { s[ac.entries + $0] })
        }
        func list(_ list: SlabList) -> [Int] {
            let l = layout.list(list)
            return (0..<min(max(s[l.count], 0), config.pages)).map { s[l.slots + $0] }
        }
        freeObjects = UInt64(bitPattern: Int64(s[layout.freeObjects]))
        freeTouched = s[layout.freeTouched]
        freeLimit = s[layout.freeLimit]
        crash = Crash(rawValue: s[layout.crash])?.site ?? "crash \(s[layout.crash])"
        ac = (0..<config.cpus).map { array(layout.ac($0)) }
        shared = array(layout.shared)
        slabs = (0..<config.pages).filter { s[layout.slab($0).live] != 0 }.map { slot in
            let slab = layout.slab(slot)
            var chain: [Int] = []
            var index = s[slab.free]
            while index != layout.end, chain.count <= config.num {
                chain.append(index)
                guard (0..<config.num).contains(index), !chain.dropLast().contains(index) else { break }
                index = s[slab.bufctl + index]
            }
            return Slab(slot: slot, inuse: s[slab.inuse], freeList: chain)
        }
        slabsPartial = list(.partial)
        slabsFull = list(.full)
        slabsFree = list(.free)
        tasks = (0..<config.tasks).map { t in
            let task = layout.task(t)
            return Task(
                status: TaskStatus(rawValue: s[task.status])?.name ?? "status \(s[task.status])", cpu: s[task.cpu])
        }
        held = (0..<layout.objects).flatMap { Array(repeating: $0, count: max(0, s[layout.held($0)])) }
    }

    /// Every field as `name = value`, in a fixed order: what a trace prints and diffs.
    public var fields: [(name: String, value: String)] {
        func show(_ ac: ArrayCache) -> String {
            "avail=\(ac.avail) limit=\(ac.limit) batchcount=\(ac.batchcount) touched=\(ac.touched) entries=\(ac.entries)"
        }
        var out: [(String, String)] = [
            ("freeObjects", "\(Int64(bitPattern: freeObjects) < 0 ? "\(freeObjects) (wrapped)" : "\(freeObjects)")"),
            ("freeTouched", "\(freeTouched)"), ("freeLimit", "\(freeLimit)"),
        ]
        for (c, ac) in ac.enumerated() { out.append(("ac[\(c)]", show(ac))) }
        out.append(("shared", show(shared)))
        out.append(("slabsPartial", "\(slabsPartial)"))
        out.append(("slabsFull", "\(slabsFull)"))
        out.append(("slabsFree", "\(slabsFree)"))
        for slab in slabs { out.append(("slab[\(slab.slot)]", "inuse=\(slab.inuse) freeList=\(slab.freeList)")) }
        for (t, task) in tasks.enumerated() { out.append(("task[\(t)]", "\(task.status) on cpu \(task.cpu)")) }
        out.append(("held", "\(held)"))
        if !crash.isEmpty { out.append(("crash", crash)) }
        return out
    }

    /// The fields whose value differs from `before`'s (a slab that died shows as `dead`).
    public func changes(since before: Snapshot) -> [(name: String, value: String)] {
        let old = Dictionary(before.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let new = Set(fields.map(\.name))
        return fields.filter { old[$0.name] != $0.value }
            + before.fields.filter { !new.contains($0.name) }.map { ($0.name, "dead") }
    }
}

extension TaskStatus {
    /// The name traces use.
    public var name: String {
        switch self {
        case .idle: "idle"
        case .sleepingInGrow: "sleepingInGrow"
        case .irqsOnBeforeReload: "irqsOnBeforeReload"
        case .irqsOnBeforeNullTest: "irqsOnBeforeNullTest"
        case .irqsOnBeforeRetryTest: "irqsOnBeforeRetryTest"
        case .irqsOnBeforeDecrement: "irqsOnBeforeDecrement"
        case .irqsOnBeforeRead: "irqsOnBeforeRead"
        }
    }
}
