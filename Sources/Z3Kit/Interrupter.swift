import CZ3
import Synchronization

/// Cancels whatever Z3 is doing in one context, from any thread.
///
/// A ``Context`` is confined to one thread at a time, but a long `check()` can only be stopped
/// from outside, so this is the one `Sendable` handle onto a context. `Z3_interrupt` is
/// documented by Z3 as callable while another thread runs a check. The mutex makes the call
/// race-free against the context's deinit: once the context is gone, `interrupt()` does nothing.
///
/// An interrupted check returns ``CheckResult/unknown(_:)`` (cause `interrupted`; "canceled" in
/// Z3 4.8.12); the context stays usable.
public final class Interrupter: Sendable {
    /// The context's address, or 0 once the context was deleted. Stored as an integer, not a
    /// pointer, only so the value is `Sendable`; it is turned back into a pointer and used
    /// only under the lock.
    private let target: Mutex<UInt>

    init(context: OpaquePointer) {
        target = Mutex(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(context))))
    }

    /// Asks the operation currently running in the context to stop. Z3 4.8.12 does not
    /// remember an interrupt that arrives while nothing is running, so a caller racing with
    /// the start of a check must repeat it (or use a solver timeout).
    ///
    /// - Returns: false if the context no longer exists (nothing was signalled).
    @discardableResult
    public func interrupt() -> Bool {
        target.withLock { address in
            guard let context = OpaquePointer(bitPattern: address) else { return false }
            Z3_interrupt(context)
            return true
        }
    }

    func detach() {
        target.withLock { $0 = 0 }
    }
}
