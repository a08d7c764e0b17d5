/// What pruning cost and dropped: where a slow build spends its time (medium's first six rounds
/// make 9,647 calls, 308 s of solver time on two threads, most of it in round 6).
public struct Pruning: Equatable, Sendable {
    public var calls = 0
    /// Calls that answered satisfiable: each found a state no witness held, so a path costs
    /// about one of them.
    public var satisfiable = 0
    public var dropped = 0
    /// Seconds inside the solver, summed over the threads.
    public var seconds = 0.0

    static func + (a: Pruning, b: Pruning) -> Pruning {
        Pruning(
            calls: a.calls + b.calls, satisfiable: a.satisfiable + b.satisfiable, dropped: a.dropped + b.dropped,
            seconds: a.seconds + b.seconds)
    }
}
