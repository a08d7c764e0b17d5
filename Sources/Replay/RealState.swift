import CSlab
import SlabModel

/// The real allocator's state in the model's terms.
///
/// `cells` is a `SlabState<Int>` laid out by the model's `Layout`, so `SlabProperties` judges the
/// real state with the same predicates it applies to model states; `snapshot` is its readable form
/// (built by the model's own `Snapshot(_:layout:)`, so both sides are read the same way).
///
/// Conversions (C encoding → model encoding):
/// - `BUFCTL_END` (-1) → `layout.end` (= num); an entry that is no object (`CSLAB_OBJ_WILD`) →
///   `layout.wild`.
/// - The shared array's `batchcount` is the kernel's `0xbaadf00d` marker, not state: it reads as 0,
///   as the model has it. A missing shared array (`l3->shared == NULL`) reads as one of limit 0.
/// - Task status: IDLE → idle, PARKED_IN_GROW → sleepingInGrow, AT_POINT k → irqsOnBefore…
///   (reload, null test, retry test, decrement, read for k = 1…5). A task whose step stopped the run
///   (CRASHED) keeps the status it had when the step began, as the model's crashed state does.
/// - Held: C's hold count per object, as the model counts holders.
/// - The stop code → the model's `Crash` (see `crash(code:site:)`); a stop the model has no case
///   for keeps C's site in `snapshot.crash`.
/// - The model-only task cells (`acCpu`, `acStale`, `index`) are not observable in C and stay 0;
///   no property reads them.
public struct RealState: Sendable {
    public var cells: SlabState<Int>
    public var snapshot: Snapshot
    /// C's stop code and site (0 and "" while the run goes on).
    public var stopCode: Int
    public var stopSite: String

    init(_ p: UnsafeMutablePointer<cslab_snapshot_t>, layout: Layout, statusBefore: [(status: Int, point: Int)]) {
        let config = layout.config
        var s = SlabState(cells: Array(repeating: 0, count: layout.cellCount))
        func object(_ id: Int32) -> Int { id >= 0 ? Int(id) : layout.wild }
        func index(_ i: Int32) -> Int { i < 0 ? layout.end : Int(i) }

        s[layout.freeObjects] = Int(truncatingIfNeeded: p.pointee.free_objects)
        s[layout.freeTouched] = Int(p.pointee.free_touched)
        s[layout.freeLimit] = Int(truncatingIfNeeded: p.pointee.free_limit)

        func fill(_ ref: ArrayCacheRef, _ a: cslab_array_snapshot, shared: Bool) {
            guard a.present != 0 else { return }
            s[ref.avail] = Int(a.avail)
            s[ref.limit] = Int(a.limit)
            s[ref.batchcount] = shared ? 0 : Int(a.batchcount)
            s[ref.touched] = Int(a.touched)
            let n = min(max(Int(a.avail), 0), Int(a.limit), ref.capacity, Int(CSLAB_MAX_LIMIT))
            withUnsafeBytes(of: a.entries) { raw in
                let entries = raw.bindMemory(to: Int32.self)
                for i in 0..<n { s[ref.entries + i] = object(entries[i]) }
            }
        }
        withUnsafeBytes(of: &p.pointee.ac) { raw in
            let acs = raw.bindMemory(to: cslab_array_snapshot.self)
            for c in 0..<min(config.cpus, acs.count) { fill(layout.ac(c), acs[c], shared: false) }
        }
        fill(layout.shared, p.pointee.shared, shared: true)

        withUnsafeBytes(of: &p.pointee.slot) { raw in
            let slots = raw.bindMemory(to: cslab_slot_snapshot.self)
            for slot in 0..<min(config.pages, slots.count) where slots[slot].live != 0 {
                let ref = layout.slab(slot)
                let c = slots[slot]
                s[ref.live] = 1
                s[ref.inuse] = Int(c.inuse)
                s[ref.free] = index(c.free)
                withUnsafeBytes(of: c.bufctl) { raw in
                    let bufctl = raw.bindMemory(to: Int32.self)
                    for i in 0..<min(config.num, bufctl.count) { s[ref.bufctl + i] = index(bufctl[i]) }
                }
            }
        }

        func list(_ which: SlabList, _ count: Int32, _ slots: UnsafeRawBufferPointer) {
            let ref = layout.list(which)
            let items = slots.bindMemory(to: Int32.self)
            s[ref.count] = Int(count)
            for k in 0..<min(Int(count), config.pages, items.count) { s[ref.slots + k] = Int(items[k]) }
        }
        let npartial = p.pointee.npartial
        let nfull = p.pointee.nfull
        let nfree = p.pointee.nfree
        withUnsafeBytes(of: &p.pointee.partial) { list(.partial, npartial, $0) }
        withUnsafeBytes(of: &p.pointee.full) { list(.full, nfull, $0) }
        withUnsafeBytes(of: &p.pointee.freel) { list(.free, nfree, $0) }

        withUnsafeBytes(of: &p.pointee.task) { raw in
            let tasks = raw.bindMemory(to: cslab_task_snapshot.self)
            for t in 0..<min(config.tasks, tasks.count) {
                let ref = layout.task(t)
                var status = Int(tasks[t].status)
                var point = Int(tasks[t].point)
                if status == Int(CSLAB_TASK_CRASHED), t < statusBefore.count {
                    (status, point) = statusBefore[t]
                }
                s[ref.status] = RealState.status(status, point: point)
                s[ref.cpu] = Int(tasks[t].cpu)
            }
        }

        withUnsafeBytes(of: &p.pointee.held) { raw in
            for o in 0..<min(layout.objects, raw.count) { s[layout.held(o)] = Int(raw[o]) }
        }

        stopCode = Int(p.pointee.bug_code)
        stopSite = withUnsafeBytes(of: &p.pointee.bug_site) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let crash = p.pointee.crashed != 0 ? RealState.crash(code: stopCode, site: stopSite) : Crash.none
        s[layout.crash] = crash?.rawValue ?? RealState.unmappedCrash
        cells = s
        snapshot = Snapshot(s, layout: layout)
        if crash == nil { snapshot.crash = "real allocator stop \(stopCode): \(stopSite)" }
    }

    /// A crash cell value no `Crash` case has: a C stop the model does not know.
    static let unmappedCrash = 1000

    /// The model's task status for C's status (and irqs-on point); an unknown one is kept distinct.
    static func status(_ status: Int, point: Int) -> Int {
        switch status {
        case Int(CSLAB_TASK_IDLE): return TaskStatus.idle.rawValue
        case Int(CSLAB_TASK_PARKED_IN_GROW): return TaskStatus.sleepingInGrow.rawValue
        case Int(CSLAB_TASK_AT_POINT):
            let points: [TaskStatus] = [
                .irqsOnBeforeReload, .irqsOnBeforeNullTest, .irqsOnBeforeRetryTest, .irqsOnBeforeDecrement,
                .irqsOnBeforeRead,
            ]
            return (1...points.count).contains(point) ? points[point - 1].rawValue : 100 + point
        default: return 200 + status
        }
    }

    /// The model's end-of-run reason for a C stop:
    /// `BUG_ON(ac->avail > 0)` → refillBugOn, `BUG_ON(slabp->inuse)` → reapBugOn, hang → hang,
    /// use-after-free stop → useAfterFree; an oops by its site: a read of `bufctl[BUFCTL_END]` or a
    /// `virt_to_page` of a non-object → wildObject, an object of a destroyed slab → deadSlab, an
    /// access outside an array's entries → the model's crash with the same site (`avail-bounds`).
    /// nil for a stop the model has no case for (a recursive spinlock).
    public static func crash(code: Int, site: String) -> Crash? {
        switch code {
        case Int(CSLAB_BUG_NONE): return Crash.none
        case Int(CSLAB_BUG_REFILL_AVAIL): return .refillBugOn
        case Int(CSLAB_BUG_REAP_INUSE): return .reapBugOn
        case Int(CSLAB_STOP_HANG): return .hang
        case Int(CSLAB_STOP_USE_AFTER_FREE): return .useAfterFree
        case Int(CSLAB_STOP_OOPS):
            if site.contains("slab_bufctl") || site.contains("virt_to_page") { return .wildObject }
            if site.contains("destroyed slab") { return .deadSlab }
            return nil
        case Int(CSLAB_STOP_OUT_OF_BOUNDS): return Crash.allCases.first { $0.isOutOfBounds && $0.site == site }
        default: return nil
        }
    }
}
