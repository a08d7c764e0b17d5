import CZ3

extension Term {
    /// `self` with every occurrence of each `from` term replaced by its `to` term, at once
    /// (`Z3_substitute`): for instantiating a transition relation built once over state variables
    /// at each step of an unrolling. Each pair must share one sort.
    public func substitute(_ pairs: [(from: Term, to: Term)]) throws(Z3Error) -> Term {
        guard let count = UInt32(exactly: pairs.count) else {
            throw Z3Error.argument("substitution count", pairs.count)
        }
        for pair in pairs where pair.from.context !== context || pair.to.context !== context {
            throw Z3Error.contextMismatch
        }
        let result = withUnsafeTemporaryAllocation(of: OpaquePointer?.self, capacity: max(pairs.count, 1)) { from in
            withUnsafeTemporaryAllocation(of: OpaquePointer?.self, capacity: max(pairs.count, 1)) { to in
                for (i, pair) in pairs.enumerated() {
                    from[i] = pair.from.raw
                    to[i] = pair.to.raw
                }
                return Z3_substitute(
                    context.raw, raw, count, UnsafePointer(from.baseAddress), UnsafePointer(to.baseAddress))
            }
        }
        return try context.wrap(result)
    }
}
