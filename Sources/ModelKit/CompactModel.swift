/// A model whose states pack into a fixed number of 64-bit words, in a canonical form.
///
/// Explicit-state search lives or dies by bytes per state: a packed, canonical encoding lets the
/// engine keep frontiers as flat word arrays and deduplicate on fingerprints, and the canonical
/// form (one representative per symmetry orbit) is where symmetry reduction happens.
public protocol CompactModel: Model {
    /// Words per packed state; fixed for one model instance.
    var wordCount: Int { get }

    /// Writes the canonical packed form of `state`: identical for all states that differ only by
    /// renaming names of the kinds in `symmetry`, and with only don't-care cells normalised when
    /// `symmetry` is `.none`.
    func encode(_ state: State, symmetry: Symmetry, into words: UnsafeMutableBufferPointer<UInt64>)

    /// A state whose encoding is `words`; any member of the orbit will do.
    func decode(_ words: UnsafeBufferPointer<UInt64>) -> State

    /// Whether two states are the very same (not merely symmetric): a cheap test the engine makes
    /// before encoding, since many steps change nothing. False is always a safe answer.
    func isSameState(_ a: State, _ b: State) -> Bool
}

extension CompactModel {
    public func isSameState(_ a: State, _ b: State) -> Bool { false }
}
