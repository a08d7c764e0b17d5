/// Which refill runs: the seed, or the seed with one of its mutants (Documentation/Model.md, Mutants).
public enum Variant: String, CaseIterable, Hashable, Sendable, Codable {
    case seed
    case staleAc = "stale-ac"
    case retryIgnoresIrq = "retry-ignores-irq"
    case sharedCountsFree = "shared-counts-free"
    case noFreeDecrement = "no-free-decrement"
    case slabStaysPartial = "slab-stays-partial"
    case sharedWrongEnd = "shared-wrong-end"
    case overrunSlab = "overrun-slab"
    case growUncounted = "grow-uncounted"
    case growFailIrqsOn = "grow-fail-irqs-on"
}
