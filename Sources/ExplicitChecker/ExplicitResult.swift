import ModelKit

/// How far a search got.
public enum Completion: Sendable, Equatable {
    /// Every reachable state was seen.
    case exhausted
    /// Every judged property was violated, so the search stopped early.
    case allViolated
    /// A budget ran out first.
    case bounded(Bound)
}

/// The figures a search reports.
public struct ExplicitStatistics: Sendable {
    public var distinctStates: Int
    public var transitions: Int
    /// The greatest depth of a state the search stored: steps from an initial state, which is at
    /// depth 0.
    public var depth: Int
    public var frontier: Int
    public var seconds: Double
    public var peakMemoryBytes: Int
    public var wordsPerState: Int
    /// The kinds of names the search renamed: its counts are of classes of states that differ
    /// only by such renamings (`.none`: of states).
    public var symmetry: Symmetry = .none

    public var statesPerSecond: Double { seconds > 0 ? Double(distinctStates) / seconds : 0 }
}

/// A path from an initial state to one that breaks a property, in concrete (not canonical) states.
public struct Counterexample<M: Model>: Sendable {
    public var property: Int
    public var initial: M.State
    public var steps: [(action: M.Action, state: M.State)]
}

public struct ExplicitResult<M: Model>: Sendable {
    public var completion: Completion
    /// The shortest counterexample found for each violated property, by property index.
    public var counterexamples: [Int: Counterexample<M>]
    public var statistics: ExplicitStatistics
    /// The branches the explored transitions took (those of the search proper, not of rebuilding
    /// a counterexample).
    public var coverage: Coverage
}
