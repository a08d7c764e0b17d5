import CSlab
import ModelKit
import SlabModel
import SlabTrace

/// What one step did on the real allocator.
public struct RealStep: Sendable {
    /// Why the allocator refused the step (`CSLAB_R_ERROR`), or nil when it ran.
    public var refusal: String?
    /// What an allocation returned.
    public var returned: SlabTrace.Returned?
    /// The step properties the C observations break: `irqs-off` and `ac-current` from the step's
    /// access counters (`> 0`), `refill-terminates` from a hang stop.
    public var violations: PropertySet
    /// The C stop code (`CSLAB_BUG_*`/`CSLAB_STOP_*`), 0 when the step did not stop the run.
    public var stopCode: Int
    public var stopSite: String
}

/// One world of the real allocator (`Sources/CSlab`), built from a model configuration and variant,
/// driven one model action at a time, and read back in the model's terms.
///
/// A touch of an array that `tune` replaced ends the run (`CSLAB_UAF_STOP`), as the model's
/// `useAfterFree` crash does.
public final class RealAllocator {
    public let layout: Layout
    public let variant: Variant
    let world: OpaquePointer
    let buffer: UnsafeMutablePointer<cslab_snapshot_t>
    /// Each task's status and irqs-on point when the current step began: the status the model keeps
    /// for a task whose step crashed (C reports `CSLAB_TASK_CRASHED` instead).
    var statusBefore: [(status: Int, point: Int)]

    public init(configuration: Configuration, variant: Variant) throws(ReplayError) {
        layout = Layout(configuration)
        self.variant = variant
        let c = configuration
        guard c.tuning.count <= Int(CSLAB_MAX_TUNINGS) else {
            throw .unsupported(
                "the real allocator takes at most \(CSLAB_MAX_TUNINGS) tunings, the configuration has \(c.tuning.count)"
            )
        }
        let variantNumber = cslab_variant_from_name(variant.rawValue)
        guard variantNumber >= 0 else {
            throw .unsupported("the real allocator has no variant \"\(variant.rawValue)\"")
        }
        func int32(_ value: Int, _ name: String) throws(ReplayError) -> Int32 {
            guard let v = Int32(exactly: value) else {
                throw .unsupported("\(name) = \(value) is out of the real allocator's range")
            }
            return v
        }
        var cfg = cslab_config()
        cfg.cpus = try int32(c.cpus, "cpus")
        cfg.num = try int32(c.num, "num")
        cfg.limit = try int32(c.limit, "limit")
        cfg.batchcount = try int32(c.batchcount, "batchcount")
        cfg.shared_limit = try int32(c.sharedLimit, "sharedLimit")
        cfg.batchrefill_limit = try int32(c.batchRefillLimit, "batchRefillLimit")
        cfg.free_limit = try int32(c.freeLimit, "freeLimit")
        cfg.pages = try int32(c.pages, "pages")
        cfg.tasks = try int32(c.tasks, "tasks")
        cfg.objsize = 0
        cfg.grow_may_fail = c.growMayFail ? 1 : 0
        cfg.uaf_policy = Int32(CSLAB_UAF_STOP.rawValue)
        cfg.ntunings = Int32(c.tuning.count)
        var tunings: [cslab_tuning] = []
        for (k, t) in c.tuning.enumerated() {
            tunings.append(
                cslab_tuning(
                    limit: try int32(t.limit, "tuning #\(k + 1) limit"),
                    batchcount: try int32(t.batchcount, "tuning #\(k + 1) batchcount"),
                    shared_factor: try int32(t.sharedFactor, "tuning #\(k + 1) sharedFactor")))
        }
        withUnsafeMutableBytes(of: &cfg.tunings) { raw in
            let slots = raw.bindMemory(to: cslab_tuning.self)
            for (k, t) in tunings.enumerated() where k < slots.count { slots[k] = t }
        }
        var message = [CChar](repeating: 0, count: 512)
        guard let world = cslab_create(&cfg, variantNumber, &message, message.count) else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .unsupported("the real allocator refuses the configuration: \(text)")
        }
        self.world = world
        buffer = .allocate(capacity: 1)
        statusBefore = Array(repeating: (Int(CSLAB_TASK_IDLE), 0), count: c.tasks)
    }

    deinit {
        cslab_destroy(world)
        buffer.deallocate()
    }

    /// Runs one model action as the matching C call.
    public func perform(_ action: SlabAction) -> RealStep {
        let config = layout.config
        // Arguments the C API takes as 32-bit values; anything else cannot name a task, CPU or object.
        func c(_ v: Int) -> Int32 { Int32(clamping: v) }
        _ = cslab_snapshot(world, buffer)
        statusBefore = (0..<config.tasks).map { t in
            withUnsafeBytes(of: &buffer.pointee.task) { raw in
                let task = raw.bindMemory(to: cslab_task_snapshot.self)[t]
                return (Int(task.status), Int(task.point))
            }
        }
        let r: cslab_result =
            switch action {
            case .alloc(let t): cslab_alloc(world, c(t))
            case .growDone(let t, let ok): cslab_grow_done(world, c(t), ok ? 1 : 0)
            case .free(let t, let o): cslab_free(world, c(t), c(o))
            case .irqAlloc(let cpu, let growFails): cslab_irq_alloc(world, c(cpu), growFails ? 1 : 0)
            case .irqFree(let cpu, let o): cslab_irq_free(world, c(cpu), c(o))
            case .migrate(let t, let cpu): cslab_migrate(world, c(t), c(cpu))
            case .reap(let cpu, let full): cslab_reap(world, c(cpu), full ? 1 : 0)
            case .tune(let k): cslab_tune(world, c(k))
            case .resume(let t): cslab_resume(world, c(t))
            }
        var step = RealStep(refusal: nil, returned: nil, violations: [], stopCode: 0, stopSite: "")
        switch Int(r.kind) {
        case Int(CSLAB_R_ERROR):
            step.refusal = String(cString: cslab_error_name(r.error))
            return step
        case Int(CSLAB_R_OBJECT):
            step.returned = .object(r.object >= 0 ? Int(r.object) : layout.wild)
        case Int(CSLAB_R_NULL):
            step.returned = .null
        case Int(CSLAB_R_BUG):
            step.stopCode = Int(r.bug_code)
            step.stopSite = withUnsafeBytes(of: r.bug_site) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        default:
            break
        }
        if r.irqs_off_violations > 0 { step.violations.insert(BuiltInProperty.irqsOff.set) }
        if r.ac_current_violations > 0 { step.violations.insert(BuiltInProperty.acCurrent.set) }
        if step.stopCode == Int(CSLAB_STOP_HANG) { step.violations.insert(BuiltInProperty.refillTerminates.set) }
        return step
    }

    /// The real state read back, in the model's cells (see `RealState`).
    public func state() -> RealState {
        _ = cslab_snapshot(world, buffer)
        return RealState(buffer, layout: layout, statusBefore: statusBefore)
    }
}
