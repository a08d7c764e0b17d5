/// Why a search stopped before it could say `holds` or `violated`: the budget or the event that
/// ended it, as a value, so that whether a stop is the one a spec asked for never depends on how
/// a message is worded.
public enum Bound: Sendable, Hashable, CustomStringConvertible {
    /// The depth asked for was reached; nothing deeper was looked at.
    case depth(Int)
    /// The state budget ran out.
    case states(Int)
    /// The time budget, in seconds, ran out.
    case time(seconds: Double)
    /// The memory budget, in bytes, ran out.
    case memory(bytes: Int)
    /// The time limit struck while the solver worked, `during` saying on what.
    case timeLimit(during: String)
    /// The symbolic transition relation could not be built: `why` (too many paths, or out of
    /// time while exploring them).
    case relation(why: String)
    /// Induction found no k up to `k` whose step case holds: `breaking` names what broke it.
    case notInductive(k: Int, breaking: String)
    /// A signal (SIGINT, SIGTERM, SIGHUP) asked the search to stop (`Interruption`).
    case signal(Int32)

    public var description: String {
        switch self {
        case .depth(let d): "depth \(d) reached"
        case .states(let n): "state budget of \(n) reached"
        case .time(let s): "time budget of \(s) s reached"
        case .memory(let bytes): "memory limit of \(bytes >> 20) MiB reached"
        case .timeLimit(let during): "time limit reached \(during)"
        case .relation(let why): "building the transition relation: \(why)"
        case .notInductive(let k, let breaking): "not k-inductive for k ≤ \(k): the step case breaks \(breaking)"
        case .signal(let signal): "interrupted by \(Interruption.name(of: signal))"
        }
    }
}
