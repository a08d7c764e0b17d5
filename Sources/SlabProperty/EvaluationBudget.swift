import ModelKit
import Synchronization

/// The time a run may spend, as property evaluation sees it: a property with nested quantifiers
/// over thousands of objects can take minutes on one state, far past a `--max-seconds` or a
/// `--timeout` that the engines only look at between states.
///
/// An evaluation that runs out of it (or meets a signal, `Interruption`) is abandoned; the budget
/// remembers that, so that a search that then ends as if complete is reported `bounded`, never
/// `holds`.
public final class EvaluationBudget: Sendable {
    let end: ContinuousClock.Instant?
    private let abandoned = Atomic<Bool>(false)

    /// Nil `seconds`: no time limit, only signals.
    public init(seconds: Double?) {
        end = seconds.map { ContinuousClock.now + .milliseconds(Int64(($0 * 1000).rounded(.up))) }
    }

    /// Whether an evaluation was abandoned for lack of time or for a signal.
    public var wasAbandoned: Bool { abandoned.load(ordering: .relaxed) }

    /// Whether an evaluation must stop now; records that one did.
    func isSpent() -> Bool {
        let spent = Interruption.signal != nil || end.map { ContinuousClock.now >= $0 } ?? false
        if spent { abandoned.store(true, ordering: .relaxed) }
        return spent
    }
}
