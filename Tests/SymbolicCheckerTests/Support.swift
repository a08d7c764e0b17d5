import SlabModel

enum Configs {
    static let tiny = Configuration.tiny
    static let small = Configuration.small
    /// batchcount ≥ num + 1, so the overrun-slab mutant can take past a slab's end.
    static let overrun = Configuration.oneObjectSlabs
    static let medium = Configuration.medium
}
