import ModelKit

/// Budgets and switches for one exhaustive search. A budget that runs out ends the search with a
/// `bounded` verdict and the figures reached, never a crash or an out-of-memory kill.
public struct ExplicitOptions: Sendable {
    /// The properties to judge (indices into `Model.propertyNames`).
    public var properties: PropertySet
    public var maxStates: Int?
    public var maxSeconds: Double?
    /// Bytes the visited set and frontiers may take.
    public var memoryBytes: Int
    /// Explore no deeper than this many steps.
    public var maxDepth: Int?
    public var threads: Int
    /// The kinds of names the model's canonical form may rename (`.none`: store every state).
    public var symmetry: Symmetry
    /// Called from the search with the figures so far, at most once per `progressInterval`.
    public var progress: (@Sendable (ExplicitStatistics) -> Void)?
    /// Seconds between two calls of `progress`.
    public var progressInterval: Double = 1

    public init(
        properties: PropertySet, maxStates: Int? = nil, maxSeconds: Double? = nil,
        memoryBytes: Int = 16 << 30, maxDepth: Int? = nil, threads: Int = 2, symmetry: Symmetry = .all,
        progress: (@Sendable (ExplicitStatistics) -> Void)? = nil
    ) {
        self.properties = properties
        self.maxStates = maxStates
        self.maxSeconds = maxSeconds
        self.memoryBytes = memoryBytes
        self.maxDepth = maxDepth
        self.threads = max(1, threads)
        self.symmetry = symmetry
        self.progress = progress
    }
}
