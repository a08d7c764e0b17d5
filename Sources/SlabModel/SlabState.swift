/// One state of the cache: every field, flat, over a value domain (`Int`, or a solver term).
public struct SlabState<V: ModelValue> {
    public var cells: [V]

    public init(cells: [V]) { self.cells = cells }

    public subscript(field: Int) -> V {
        get { cells[field] }
        set { cells[field] = newValue }
    }
}

extension SlabState: Equatable where V: Equatable {}
extension SlabState: Hashable where V: Hashable {}
extension SlabState: Sendable where V: Sendable {}

extension SlabState where V == Int {
    /// The state before any step: empty arrays at the configured sizes, no slabs, every task idle
    /// on CPU `t mod cpus`.
    public static func initial(_ layout: Layout) -> SlabState<Int> {
        let config = layout.config
        var s = SlabState(cells: Array(repeating: 0, count: layout.cellCount))
        s[layout.freeLimit] = config.freeLimit
        s[layout.shared.limit] = config.sharedLimit
        for c in 0..<config.cpus {
            let ac = layout.ac(c)
            s[ac.limit] = config.limit
            s[ac.batchcount] = config.batchcount
        }
        // A dead slab's `bufctl` is not state, and the first grow overwrites it: holding the chain
        // that grow writes keeps those cells constant in the symbolic engine's boxes until a free
        // relinks them, where zeros would make each a range after one grow.
        for slot in 0..<config.pages {
            for i in 0..<config.num { s[layout.slab(slot).bufctl + i] = layout.initialBufctl(i) }
        }
        for t in 0..<config.tasks {
            s[layout.task(t).cpu] = t % config.cpus
        }
        return s
    }
}
