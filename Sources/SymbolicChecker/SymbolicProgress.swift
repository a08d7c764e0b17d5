/// What a Z3 engine is doing, for a progress line: a check can take minutes, and a user watching
/// one should see which property it is on, at which depth, and how long the last one took.
public struct SymbolicProgress: Sendable, Equatable {
    public enum Work: Sendable, Equatable {
        /// Building the relation of the step into `depth` (the path engines' relation is built
        /// step by step, and on a large configuration that is where the time goes).
        case building
        /// Asking the solver about one property or strengthening conjunct, by name.
        case checking(String)
        /// Every property still open is shown through `depth` (BMC), or the step case did not go
        /// through at k = `depth` (induction).
        case reached
    }

    /// BMC's depth, or induction's k.
    public var depth: Int
    public var work: Work
    /// Seconds the solver's last check took; nil before the first.
    public var lastCheckSeconds: Double?
    /// Seconds since the engine started.
    public var seconds: Double

    public init(depth: Int, work: Work, lastCheckSeconds: Double?, seconds: Double) {
        self.depth = depth
        self.work = work
        self.lastCheckSeconds = lastCheckSeconds
        self.seconds = seconds
    }
}

/// Sends an engine's progress to its callback and times its checks; with no callback it only
/// times them.
final class ProgressTicker {
    private let callback: ((SymbolicProgress) -> Void)?
    private let started = ContinuousClock.now
    private var lastCheckSeconds: Double?

    init(_ callback: ((SymbolicProgress) -> Void)?) {
        self.callback = callback
    }

    func report(_ work: SymbolicProgress.Work, depth: Int) {
        callback?(
            SymbolicProgress(
                depth: depth, work: work, lastCheckSeconds: lastCheckSeconds, seconds: seconds(since: started)))
    }

    /// Runs one solver check of `name` at `depth`, reported before it starts and timed.
    func check<T, E: Error>(_ name: String, depth: Int, _ body: () throws(E) -> T) throws(E) -> T {
        report(.checking(name), depth: depth)
        let asked = ContinuousClock.now
        defer { lastCheckSeconds = seconds(since: asked) }
        return try body()
    }
}
