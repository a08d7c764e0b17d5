/// A branch of the refill or its surroundings that an exploration should reach: a proof over a
/// model that never reaches `retry` proves little about `retry`.
///
/// A step records the branches it took in `StepOutcome.coverage`, one bit per case (in
/// `allCases` order), which the explicit engine aggregates without touching the state.
public enum Branch: String, CaseIterable, Sendable {
    /// The refill takes its batch from the shared array.
    case sharedHit = "shared-hit"
    /// The refill takes objects from a slab on `slabs_partial`.
    case partialSlab = "partial-slab"
    /// The refill takes objects from a slab on `slabs_free`.
    case freeSlab = "free-slab"
    /// The refill found nothing (`!ac->avail` after `alloc_done`) and calls `cache_grow`.
    case mustGrow = "must-grow"
    /// `cache_grow` failed and `ac` is still empty: the allocation returns NULL.
    case nullReturn = "null-return"
    /// After `cache_grow`, `goto retry`.
    case retryAfterGrow = "retry-after-grow"
    /// After `cache_grow`, `ac->avail` is non-zero: someone (an interrupt, a free on this CPU)
    /// refilled the array while the grow ran, and the object comes from there.
    case refilledByInterrupt = "refilled-by-interrupt"
    /// `cache_flusharray` moves objects into the shared array.
    case flushShared = "flush-shared"
    /// `cache_flusharray` gives objects back to their slabs through `free_block`.
    case flushFreeBlock = "flush-free-block"
    /// `free_block` destroys an emptied slab because `free_objects > free_limit`.
    case destroyPastFreeLimit = "destroy-past-free-limit"
    /// `cache_reap` destroys a slab from `slabs_free`.
    case reapDestroy = "reap-destroy"
    /// `do_tune_cpucache` replaces the arrays.
    case tune

    /// The branch's place in `allCases`, spelt out so that `cover` costs a shift in the hot path.
    public var index: Int {
        switch self {
        case .sharedHit: 0
        case .partialSlab: 1
        case .freeSlab: 2
        case .mustGrow: 3
        case .nullReturn: 4
        case .retryAfterGrow: 5
        case .refilledByInterrupt: 6
        case .flushShared: 7
        case .flushFreeBlock: 8
        case .destroyPastFreeLimit: 9
        case .reapDestroy: 10
        case .tune: 11
        }
    }

    public var bit: UInt64 { 1 << UInt64(index) }

    /// The branches whose bits are set in `mask`, in declaration order.
    public static func taken(in mask: UInt64) -> [Branch] { allCases.filter { mask & $0.bit != 0 } }
}
