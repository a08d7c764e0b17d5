import ModelKit

/// How far a search got.
public enum Completion: Sendable, Equatable {
    /// Every reachable state was seen.
    case exhausted
    /// Every judged property was violated, so the search stopped early.
    case allViolated
    /// A budget ran out first; the reason names it.
    case bounded(String)
}

/// The figures a search reports.
public struct ExplicitStatistics: Sendable {
    public var distinctStates: Int
    public var transitions: Int
    /// The deepest level fully or partly explored (steps from an initial state).
    public var depth: Int
    public var frontier: Int
    public var seconds: Double
    public var peakMemoryBytes: Int
    public var wordsPerState: Int

    public var statesPerSecond: Double { seconds > 0 ? Double(distinctStates) / seconds : 0 }

    /// The chance that two distinct states shared a fingerprint somewhere in the search.
    public var collisionProbability: Double {
        let n = Double(distinctStates)
        return min(1, n * n / 3.7e19)
    }
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
