import Synchronization

/// A request, from a signal handler or any other thread, that every search stop at its next check
/// of its budgets and report what it has: the explicit engine's figures so far, the depths the
/// symbolic engines have cleared, and `bounded` for every property left open.
///
/// A process-wide flag rather than a per-run option, because a signal is addressed to the
/// process: whichever engine is running when it arrives must see it.
public enum Interruption {
    private static let signalNumber = Atomic<Int32>(0)

    /// Records that `signal` arrived; false when one had already been recorded, which is how a
    /// second signal is told from the first.
    @discardableResult
    public static func request(signal: Int32) -> Bool {
        signalNumber.compareExchange(expected: 0, desired: signal, ordering: .relaxed).exchanged
    }

    /// The signal that asked the searches to stop, if one did.
    public static var signal: Int32? {
        let s = signalNumber.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`, or the number.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case 1: "SIGHUP"
        case 2: "SIGINT"
        case 15: "SIGTERM"
        default: "signal \(signal)"
        }
    }
}
