import CSlab

/// A step's outcome, with C's fixed arrays and anonymous enums turned into Swift values.
struct Step: CustomStringConvertible {
    var kind: Int
    var error: Int
    var object: Int
    var taskStatus: Int
    var point: Int
    var bugCode: Int
    var bugSite: String
    var irqsOffViolations: Int
    var acCurrentViolations: Int
    var doubleHandout: Bool

    init(_ r: cslab_result) {
        kind = Int(r.kind)
        error = Int(r.error)
        object = Int(r.object)
        taskStatus = Int(r.task_status)
        point = Int(r.point)
        bugCode = Int(r.bug_code)
        bugSite = withUnsafeBytes(of: r.bug_site) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        irqsOffViolations = Int(r.irqs_off_violations)
        acCurrentViolations = Int(r.ac_current_violations)
        doubleHandout = r.double_handout != 0
    }

    var isObject: Bool { kind == Int(CSLAB_R_OBJECT) }
    var isParked: Bool { kind == Int(CSLAB_R_PARKED) }
    var isBug: Bool { kind == Int(CSLAB_R_BUG) }
    var isError: Bool { kind == Int(CSLAB_R_ERROR) }
    var isDone: Bool { kind == Int(CSLAB_R_DONE) }
    var isNull: Bool { kind == Int(CSLAB_R_NULL) }

    var description: String {
        "Step(kind: \(kind), error: \(error), object: \(object), status: \(taskStatus), point: \(point), bug: \(bugCode) \(bugSite), irqsOff: \(irqsOffViolations), acCurrent: \(acCurrentViolations))"
    }
}

struct ArraySnap: Equatable {
    var present: Bool
    var avail: Int
    var limit: Int
    var batchcount: Int
    var touched: Int
    var entries: [Int]

    init(_ a: cslab_array_snapshot) {
        present = a.present != 0
        avail = Int(a.avail)
        limit = Int(a.limit)
        batchcount = Int(a.batchcount)
        touched = Int(a.touched)
        let n = max(0, min(Int(a.avail), Int(a.limit)))
        entries = withUnsafeBytes(of: a.entries) { Array($0.bindMemory(to: Int32.self).prefix(n)).map(Int.init) }
    }
}

struct SlotSnap: Equatable {
    var live: Bool
    var inuse: Int
    var free: Int
    var bufctl: [Int]
}

/// The state read back from the C structures.
struct Snap: Equatable {
    var ac: [ArraySnap]
    var shared: ArraySnap
    var partial: [Int]
    var full: [Int]
    var freeList: [Int]
    var slots: [SlotSnap]
    var freeObjects: UInt64
    var freeTouched: Int
    var freeLimit: UInt64
    var tasks: [(status: Int, cpu: Int, point: Int)]
    var held: [Int]
    var crashed: Bool
    var bugCode: Int
    var bugSite: String
    var irqsOffViolations: Int
    var acCurrentViolations: Int
    var doubleHandouts: Int
    var num: Int
    var irqsOnFlags: [Bool]

    func irqsOn(_ cpu: Int) -> Bool { irqsOnFlags[cpu] }

    static func == (a: Snap, b: Snap) -> Bool {
        a.ac == b.ac && a.shared == b.shared && a.partial == b.partial && a.full == b.full
            && a.freeList == b.freeList && a.slots == b.slots && a.freeObjects == b.freeObjects
            && a.freeTouched == b.freeTouched && a.freeLimit == b.freeLimit
            && a.tasks.map { [$0.status, $0.cpu, $0.point] } == b.tasks.map { [$0.status, $0.cpu, $0.point] }
            && a.held == b.held && a.crashed == b.crashed && a.bugCode == b.bugCode
    }

    /// Documentation/Model.md free-objects-exact: free_objects == sum of (num - inuse) over live slabs.
    var freeObjectsExact: Bool {
        let sum = slots.filter(\.live).reduce(UInt64(0)) { $0 &+ UInt64(bitPattern: Int64(num - $1.inuse)) }
        return sum == freeObjects
    }
}

private func ints<T>(_ tuple: T, _ count: Int) -> [Int] {
    withUnsafeBytes(of: tuple) { Array($0.bindMemory(to: Int32.self).prefix(count)).map(Int.init) }
}

/// One C world, destroyed with the object.
final class World {
    let w: OpaquePointer
    let config: cslab_config

    init?(_ config: cslab_config, _ variant: cslab_variant = CSLAB_SEED) {
        var err = [CChar](repeating: 0, count: 256)
        var c = config
        guard let w = cslab_create(&c, Int32(variant.rawValue), &err, err.count) else { return nil }
        self.w = w
        self.config = config
    }

    deinit { cslab_destroy(w) }

    static func createError(_ config: cslab_config, _ variant: Int32 = 0) -> String? {
        var err = [CChar](repeating: 0, count: 256)
        var c = config
        if let w = cslab_create(&c, variant, &err, err.count) {
            cslab_destroy(w)
            return nil
        }
        return String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @discardableResult func alloc(_ t: Int) -> Step { Step(cslab_alloc(w, Int32(t))) }
    @discardableResult func growDone(_ t: Int, _ ok: Bool) -> Step { Step(cslab_grow_done(w, Int32(t), ok ? 1 : 0)) }
    @discardableResult func free(_ t: Int, _ o: Int) -> Step { Step(cslab_free(w, Int32(t), Int32(o))) }
    @discardableResult func irqAlloc(_ c: Int, growFails: Bool = false) -> Step {
        Step(cslab_irq_alloc(w, Int32(c), growFails ? 1 : 0))
    }
    @discardableResult func irqFree(_ c: Int, _ o: Int) -> Step { Step(cslab_irq_free(w, Int32(c), Int32(o))) }
    @discardableResult func migrate(_ t: Int, _ c: Int) -> Step { Step(cslab_migrate(w, Int32(t), Int32(c))) }
    @discardableResult func reap(_ c: Int, full: Bool) -> Step { Step(cslab_reap(w, Int32(c), full ? 1 : 0)) }
    @discardableResult func tune(_ k: Int) -> Step { Step(cslab_tune(w, Int32(k))) }
    @discardableResult func resume(_ t: Int) -> Step { Step(cslab_resume(w, Int32(t))) }

    /// An allocation on task t that finishes: parks in cache_grow and is given a page if need be.
    func allocNow(_ t: Int) -> Step {
        let r = alloc(t)
        return r.isParked ? growDone(t, true) : r
    }

    func snap() -> Snap {
        let p = UnsafeMutablePointer<cslab_snapshot_t>.allocate(capacity: 1)
        defer { p.deallocate() }
        precondition(cslab_snapshot(w, p) == 0)
        let s = p.pointee
        let cpus = Int(s.cpus)
        let num = Int(s.num)
        let pages = Int(s.pages)
        let tasks = Int(s.tasks)
        let acs = withUnsafeBytes(of: s.ac) { Array($0.bindMemory(to: cslab_array_snapshot.self).prefix(cpus)) }
        let slotsC = withUnsafeBytes(of: s.slot) { Array($0.bindMemory(to: cslab_slot_snapshot.self).prefix(pages)) }
        let tasksC = withUnsafeBytes(of: s.task) { Array($0.bindMemory(to: cslab_task_snapshot.self).prefix(tasks)) }
        let held = withUnsafeBytes(of: s.held) { Array($0.prefix(pages * num)).map(Int.init) }
        return Snap(
            ac: acs.map(ArraySnap.init),
            shared: ArraySnap(s.shared),
            partial: ints(s.partial, Int(s.npartial)),
            full: ints(s.full, Int(s.nfull)),
            freeList: ints(s.freel, Int(s.nfree)),
            slots: slotsC.map {
                SlotSnap(live: $0.live != 0, inuse: Int($0.inuse), free: Int($0.free), bufctl: ints($0.bufctl, num))
            },
            freeObjects: s.free_objects,
            freeTouched: Int(s.free_touched),
            freeLimit: s.free_limit,
            tasks: tasksC.map { (Int($0.status), Int($0.cpu), Int($0.point)) },
            held: held,
            crashed: s.crashed != 0,
            bugCode: Int(s.bug_code),
            bugSite: withUnsafeBytes(of: s.bug_site) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) },
            irqsOffViolations: Int(s.irqs_off_violations),
            acCurrentViolations: Int(s.ac_current_violations),
            doubleHandouts: Int(s.double_handouts),
            num: num,
            irqsOnFlags: ints(s.irqs_on, cpus).map { $0 != 0 })
    }
}

func config(
    cpus: Int = 1, num: Int = 4, limit: Int = 2, batchcount: Int = 1, shared: Int = 0, pages: Int = 2,
    tasks: Int? = nil, freeLimit: Int? = nil, growMayFail: Bool = false,
    uaf: cslab_uaf_policy = CSLAB_UAF_CONTINUE, tunings: [(Int, Int, Int)] = []
) -> cslab_config {
    var c = cslab_default_config(Int32(cpus), Int32(num), Int32(limit), Int32(batchcount), Int32(shared), Int32(pages))
    if let tasks { c.tasks = Int32(tasks) }
    if let freeLimit { c.free_limit = Int32(freeLimit) }
    c.grow_may_fail = growMayFail ? 1 : 0
    c.uaf_policy = Int32(uaf.rawValue)
    c.ntunings = Int32(tunings.count)
    withUnsafeMutableBytes(of: &c.tunings) { raw in
        let t = raw.bindMemory(to: cslab_tuning.self)
        for (k, (l, b, s)) in tunings.enumerated() {
            t[k] = cslab_tuning(limit: Int32(l), batchcount: Int32(b), shared_factor: Int32(s))
        }
    }
    return c
}
