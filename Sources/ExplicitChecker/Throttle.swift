import Foundation

/// Lets an event through at most once per `interval` seconds: progress is drawn from inside the
/// search, and redrawing a terminal line thousands of times a second would cost more than it shows.
public struct Throttle: Sendable {
    public let interval: Double
    private var last: Date?

    public init(interval: Double) {
        self.interval = interval
    }

    /// Whether an event at `now` may go through; the first one always does.
    public mutating func admits(_ now: Date) -> Bool {
        if let last, now.timeIntervalSince(last) < interval { return false }
        last = now
        return true
    }
}
