/// The kinds of names a checker may rename when it stores one state per class of states that
/// differ only by such renamings (symmetry reduction).
///
/// A model gives the kinds their meaning (the SLAB model's are tasks, CPUs, slab slots and the
/// objects within a slab); a checker only passes the set on. Each kind is a group of renamings of
/// its own, so any subset is sound where every property judged is blind to the kinds in it: that
/// is why the set is per kind and not one switch (a property that names a task must not let tasks
/// be renamed, but need not stop CPUs from being renamed).
public struct Symmetry: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Rename nothing: every state is stored under its own names.
    public static let none: Symmetry = []
    /// Every kind the model knows.
    public static let all = Symmetry(rawValue: .max)
}
