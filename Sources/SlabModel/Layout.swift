/// Where each field of the cache lives in a state's flat cell array.
///
/// A state is one array of values (not a tree of structs and arrays) so that copying a state for a
/// successor is a single allocation, packing walks one buffer, and a symbolic state is just as flat.
/// Capacities are the largest the configuration allows (tuning may grow `limit`). A class, because
/// every step consults it and a reference costs one pointer where a copy costs a dozen fields.
public final class Layout: Sendable {
    public let config: Configuration
    /// Objects in all slots: object `i` of slot `s` is `s * num + i`.
    public let objects: Int
    /// `BUFCTL_END` as the model stores it: one past the last object index of a slab.
    public let end: Int
    /// The value a per-CPU or shared entry holds when the refill took an object from an exhausted
    /// slab (only a mutant does): an address that is no object at all.
    public let wild: Int
    public let entryCapacity: Int
    public let sharedCapacity: Int
    public let cellCount: Int

    // The l3 and cache-wide fields.
    public let freeObjects = 0
    public let freeTouched = 1
    public let freeLimit = 2
    /// Why the run ended (a `Crash` raw value), 0 while it goes on.
    public let crash = 3

    public let shared: ArrayCacheRef
    let acBase: Int
    let acStride: Int
    let slabBase: Int
    let slabStride: Int
    let listBase: Int
    let listStride: Int
    let taskBase: Int
    let taskStride = 5
    let heldBase: Int

    public init(_ config: Configuration) {
        self.config = config
        objects = config.pages * config.num
        end = config.num
        wild = objects
        entryCapacity = max(config.limit, config.tuning.map(\.limit).max() ?? 0)
        sharedCapacity = max(config.sharedLimit, config.tuning.map { $0.batchcount * $0.sharedFactor }.max() ?? 0)
        var next = 4
        shared = ArrayCacheRef(base: next, capacity: sharedCapacity, owner: nil)
        next += 4 + sharedCapacity
        acBase = next
        acStride = 4 + entryCapacity
        next += config.cpus * acStride
        slabBase = next
        slabStride = 3 + config.num
        next += config.pages * slabStride
        listBase = next
        listStride = 1 + config.pages
        next += 3 * listStride
        taskBase = next
        next += config.tasks * taskStride
        heldBase = next
        next += objects
        cellCount = next
    }

    /// `cachep->array[cpu]`.
    public func ac(_ cpu: Int) -> ArrayCacheRef {
        ArrayCacheRef(base: acBase + cpu * acStride, capacity: entryCapacity, owner: cpu)
    }

    public func slab(_ slot: Int) -> SlabRef { SlabRef(base: slabBase + slot * slabStride, slot: slot) }

    public func list(_ list: SlabList) -> ListRef { ListRef(base: listBase + list.rawValue * listStride) }

    public func task(_ t: Int) -> TaskRef { TaskRef(base: taskBase + t * taskStride) }

    /// `slab_bufctl(slabp)[i]` as `cache_init_objs` leaves it: each object links to the next.
    public func initialBufctl(_ i: Int) -> Int { i + 1 == config.num ? end : i + 1 }

    /// How many callers hold `object` (more than one only after a bug hands it out twice).
    public func held(_ object: Int) -> Int { heldBase + object }
}

/// The three slab lists of `struct kmem_list3`.
public enum SlabList: Int, CaseIterable, Sendable {
    case partial, full, free
}

/// A `struct array_cache *`: the offsets of its fields, and whose array it is.
public struct ArrayCacheRef: Hashable, Sendable {
    public let base: Int
    public let capacity: Int
    /// The CPU the array belongs to; nil for `l3->shared`.
    public let owner: Int?
    /// Whether `tune` has freed this array since the pointer was taken.
    public var freed = false

    public var avail: Int { base }
    public var limit: Int { base + 1 }
    public var batchcount: Int { base + 2 }
    public var touched: Int { base + 3 }
    public var entries: Int { base + 4 }
}

/// A `struct slab *` (by its slot): `live` is the model's, the rest are the kernel's.
public struct SlabRef: Hashable, Sendable {
    public let base: Int
    public let slot: Int

    public var live: Int { base }
    public var inuse: Int { base + 1 }
    public var free: Int { base + 2 }
    public var bufctl: Int { base + 3 }
}

/// A `struct list_head` of slabs, as a length and the slots from `next` onwards.
public struct ListRef: Hashable, Sendable {
    public let base: Int
    public var count: Int { base }
    public var slots: Int { base + 1 }
}

/// A process context: what it is doing, where it runs, and the `ac` it holds across `cache_grow`.
public struct TaskRef: Hashable, Sendable {
    public let base: Int
    public var status: Int { base }
    public var cpu: Int { base + 1 }
    /// The CPU whose array the task's local `ac` points to, where that pointer outlives a step.
    public var acCpu: Int { base + 2 }
    /// 1 once `tune` freed the array the task's `ac` points to.
    public var acStale: Int { base + 3 }
    /// The index `--ac->avail` produced, which `ac_entry(ac)[…]` reads after an interrupt may
    /// have run (`grow-fail-irqs-on` only).
    public var index: Int { base + 4 }
}
