/// How many explored transitions took each branch a model reports (`Successor.coverage`): one
/// counter per bit, kept per worker and merged per level, so counting costs an add per branch taken.
public struct BranchCounts: Sendable, Equatable {
    public private(set) var counts = [Int](repeating: 0, count: 64)

    public init() {}

    mutating func add(_ mask: UInt64) {
        var rest = mask
        while rest != 0 {
            counts[rest.trailingZeroBitCount] += 1
            rest &= rest - 1
        }
    }

    mutating func merge(_ other: BranchCounts) {
        for i in counts.indices { counts[i] += other.counts[i] }
    }
}

/// Which of a model's branches a search reached, by name.
public struct Coverage: Sendable, Equatable {
    /// The model's `coverageNames`.
    public var names: [String]
    public var counts: BranchCounts

    public init(names: [String], counts: BranchCounts) {
        self.names = names
        self.counts = counts
    }

    /// Transitions that took the branch called `name`; nil for a name the model does not report.
    public func count(_ name: String) -> Int? {
        names.firstIndex(of: name).map { counts.counts[$0] }
    }

    /// Every branch with its count, in the model's order.
    public var entries: [(name: String, count: Int)] {
        names.enumerated().map { ($0.element, counts.counts[$0.offset]) }
    }
}
