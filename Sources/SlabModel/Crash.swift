/// Why a run ended: a state with a crash has no successors.
public enum Crash: Int, CaseIterable, Sendable {
    case none = 0
    /// `BUG_ON(ac->avail > 0)` at `retry:` in `cache_alloc_refill`.
    case refillBugOn
    /// `BUG_ON(slabp->inuse)` in `cache_reap`.
    case reapBugOn
    /// The refill took an object from a slab whose free list was already at `BUFCTL_END`, and read
    /// `bufctl[BUFCTL_END]`.
    case wildObject
    /// The refill's `ac_entry(ac)[ac->avail++] = …` past `ac->limit`.
    case refillOverflow
    /// Code touched an `array_cache` that `tune` had freed.
    case useAfterFree
    /// The refill looped past its bound (`refill-terminates`): a hang in the kernel.
    case hang
    /// A slab list longer than there are slabs: a slab was linked twice.
    case listCorrupt
    /// `free_block` of an object whose slab was already destroyed (a double free).
    case deadSlab
    /// A counter left the range the model can follow (say `inuse` below 0 after a double free).
    case corrupt
    /// `__cache_free`'s `ac_entry(ac)[ac->avail++] = objp` past `ac->limit`.
    case freeOverflow
    /// `cache_flusharray`'s `memcpy` into the shared array past `shared_array->limit`.
    case flushOverflow
    /// The refill's `memcpy` from the shared array, reading outside `entries[0..<limit]`.
    case sharedCopyOutOfBounds
    /// `ac_entry(ac)[…]` read at an index the decrement left outside `0..<limit`.
    case handOutOutOfBounds

    /// A kernel `BUG_ON` site, as `no-bug` counts them.
    public var isBugOn: Bool { self == .refillBugOn || self == .reapBugOn }

    /// An access outside an `array_cache`'s entries, as `avail-bounds` counts them: the run stops
    /// at the access, before memory the model does not follow is touched.
    public var isOutOfBounds: Bool {
        switch self {
        case .refillOverflow, .freeOverflow, .flushOverflow, .sharedCopyOutOfBounds, .handOutOutOfBounds: true
        default: false
        }
    }

    public var site: String {
        switch self {
        case .none: ""
        case .refillBugOn: "cache_alloc_refill: BUG_ON(ac->avail > 0)"
        case .reapBugOn: "cache_reap: BUG_ON(slabp->inuse)"
        case .wildObject: "cache_alloc_refill: object taken from a slab at BUFCTL_END"
        case .refillOverflow: "cache_alloc_refill: ac_entry(ac)[ac->avail++] past ac->limit"
        case .useAfterFree: "access to an array_cache freed by tune"
        case .hang: "cache_alloc_refill: loop bound exceeded"
        case .listCorrupt: "list_add: a slab linked twice"
        case .deadSlab: "free_block: object of a destroyed slab"
        case .corrupt: "a counter out of the range the model follows"
        case .freeOverflow: "__cache_free: ac_entry(ac)[ac->avail++] past ac->limit"
        case .flushOverflow: "cache_flusharray: memcpy past shared_array->limit"
        case .sharedCopyOutOfBounds: "cache_alloc_refill: memcpy from shared_array entries out of bounds"
        case .handOutOutOfBounds: "cache_alloc_refill: ac_entry(ac)[--ac->avail] out of bounds"
        }
    }
}
