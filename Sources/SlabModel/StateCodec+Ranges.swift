extension StateCodec {
    /// The range packing gives each cell that has one (every cell but the 64-bit `free_objects`):
    /// `SlabModel.step` marks a state whose cells leave these ranges `corrupt`, and the symbolic
    /// engine encodes that same test from this list rather than from a copy of it.
    public var cellRanges: [(cell: Int, range: ClosedRange<Int>)] {
        fields.filter { $0.width < 64 }.map { ($0.cell, $0.lowest...$0.highest) }
    }
}

extension StateCodec {
    /// `SlabModel.step`'s last word, in any value domain: a state whose cells leave the packed
    /// ranges ends the run as `corrupt`, unless it already ended (a run that stopped at a site
    /// keeps that site: it is the more precise word). The symbolic engines apply this very rule.
    public func stopIfCorrupt<V: ModelValue>(_ state: inout SlabState<V>, crash: Int) {
        let running = state.cells[crash] == V(constant: 0)
        // A concrete run that stopped needs no look at its cells (the explicit engine's hot path).
        if running.constantValue == false { return }
        let fits = fitting(state)
        state.cells[crash] = V.select(
            running.and(fits.negated), V(constant: Crash.corrupt.rawValue), state.cells[crash])
    }
}

extension StateCodec {
    /// Every cell of `state` lies in the range packing gives it (`cellRanges`), in any value domain.
    public func fitting<V: ModelValue>(_ state: SlabState<V>) -> V.Condition {
        fields.withUnsafeBufferPointer { fields in
            var fits = V.Condition(constant: true)
            for f in fields where f.width < 64 {
                let v = state.cells[f.cell]
                fits = fits.and(v >= V(constant: f.lowest)).and(v <= V(constant: f.highest))
                // A concrete state's answer is known at its first cell out of range: the
                // explicit engine asks this of every successor.
                if fits.constantValue == false { break }
            }
            return fits
        }
    }
}
