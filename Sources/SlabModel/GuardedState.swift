/// The state as the kernel code sees it: every write goes through the oracle, so that in a merged
/// run (`Oracle`) a write inside an arm is `ite(guard, new, old)` and the other arm still reads
/// the old value.
struct GuardedState<O: Oracle> {
    typealias V = O.Value

    var state: SlabState<V>
    let oracle: O

    subscript(cell: Int) -> V {
        get { state.cells[cell] }
        set { state.cells[cell] = oracle.write(newValue, over: state.cells[cell]) }
    }

    var cells: [V] { state.cells }

    /// `cells[base + index] = value` for an index the caller has checked; a symbolic index
    /// writes each cell it may name (as `ModelValue.store` says which), each through the guard.
    mutating func store(_ value: V, base: Int, count: Int, at index: V) {
        if let i = index.constantValue {
            if (0..<count).contains(i) { self[base + i] = value }
            return
        }
        var stored = state.cells
        V.store(value, into: &stored, base: base, count: count, at: index)
        for k in base..<(base + count) { self[k] = stored[k] }
    }
}
