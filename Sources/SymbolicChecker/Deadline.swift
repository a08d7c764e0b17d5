import ModelKit
import Z3Kit

/// Time left for the whole run: handed to Z3 as each check's limit, and looked at while the
/// relation for a step is built. A signal (`Interruption`) ends it at once, so that every place
/// that honours the time limit also stops for a signal and reports `bounded`.
public struct Deadline: Sendable {
    let end: ContinuousClock.Instant?

    public init(seconds: Double?) {
        end = seconds.map { ContinuousClock.now + .milliseconds(Int64(($0 * 1000).rounded(.up))) }
    }

    /// No limit.
    public static let none = Deadline(seconds: nil)

    var remaining: Duration? {
        if Interruption.signal != nil { return .zero }
        return end.map { $0 - ContinuousClock.now }
    }
    var expired: Bool { remaining.map { $0 <= .zero } ?? false }

    func apply(to solver: Solver) throws(Z3Error) {
        guard let remaining else { return }
        try solver.setTimeout(max(remaining, .milliseconds(1)))
    }
}
