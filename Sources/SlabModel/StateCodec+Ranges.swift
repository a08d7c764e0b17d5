extension StateCodec {
    /// The range packing gives each cell that has one (every cell but the 64-bit `free_objects`):
    /// `SlabModel.step` marks a state whose cells leave these ranges `corrupt`, and the symbolic
    /// engine encodes that same test from this list rather than from a copy of it.
    public var cellRanges: [(cell: Int, range: ClosedRange<Int>)] {
        fields.filter { $0.width < 64 }.map { ($0.cell, $0.lowest...$0.highest) }
    }
}
