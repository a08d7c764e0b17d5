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
    /// Whether a check is running in the context, and whether `interruptCheck` reached it.
    private let check = Mutex<(running: Bool, interrupted: Bool)>((false, false))

    init(context: OpaquePointer) {
        target = Mutex(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(context))))
    }

    /// Marks the start of a check, which `interruptCheck` may cancel.
    func beginCheck() {
        check.withLock { $0 = (true, false) }
    }

    /// Marks the end of a check; true when `interruptCheck` cancelled it, whatever Z3 then
    /// answered or raised.
    func endCheck() -> Bool {
        check.withLock { state in
            defer { state = (false, false) }
            return state.interrupted
        }
    }

    /// Cancels the check running in the context, if one is: unlike `interrupt`, it never
    /// reaches the context between checks, where Z3 would cancel whatever simplification or model
    /// evaluation the caller is doing instead and raise an error from it.
    public func interruptCheck() {
        check.withLock { state in
            guard state.running else { return }
            state.interrupted = true
            interrupt()
        }
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
