import CZ3
import Synchronization

/// Cancels whatever Z3 is doing in one context, from any thread.
///
/// A ``Context`` is confined to one thread at a time, but a long `check()` can only be stopped
/// from outside, so this is the one `Sendable` handle onto a context. `Z3_interrupt` is
/// documented by Z3 as callable while another thread runs a check. The mutex makes the call
/// race-free against the context's deinit: once the context is gone, `interrupt()` does nothing.
///
/// An interrupted check returns ``CheckResult/unknown(reason:)`` (reason "canceled"); the
/// context stays usable.
public final class Interrupter: Sendable {
    /// The context pointer, or nil after the context was deleted. Stored as an address, not a
    /// pointer, only so the value is `Sendable`; it is never dereferenced outside the lock.
    private let target: Mutex<UInt>

    init(context: OpaquePointer) {
        target = Mutex(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(context))))
    }

    /// Asks the context's current (or next, see Z3's documentation) operation to stop.
    public func interrupt() {
        target.withLock { address in
            guard let context = OpaquePointer(bitPattern: address) else { return }
            Z3_interrupt(context)
        }
    }

    func detach() {
        target.withLock { $0 = 0 }
    }
}
