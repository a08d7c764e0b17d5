import SlabModel

@testable import SymbolicChecker

enum Configs {
    static let tiny = Configuration.tiny
    static let small = Configuration.small
    /// batchcount ≥ num + 1, so the overrun-slab mutant can take past a slab's end.
    static let overrun = Configuration.oneObjectSlabs
    static let medium = Configuration.medium
}

/// The initial state with every cell a constant, for a test to make the cells it studies symbolic.
func constantInitialState(_ layout: Layout) -> SlabState<SymbolicValue> {
    SlabState(cells: SlabState<Int>.initial(layout).cells.map { SymbolicValue.constant($0) })
}
