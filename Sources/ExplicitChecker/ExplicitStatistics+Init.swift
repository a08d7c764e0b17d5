extension ExplicitStatistics {
    /// Figures built outside the search: the symbolic engines report a `SpecResult` too, with
    /// their time and no state counts.
    public init(seconds: Double, depth: Int) {
        self.init(
            distinctStates: 0, transitions: 0, depth: depth, frontier: 0, seconds: seconds, peakMemoryBytes: 0,
            wordsPerState: 0)
    }
}
