import Synchronization

/// The interrupters of every context alive in the process, so that a signal handler can cancel
/// whatever Z3 is doing on any thread without knowing which engine made the context.
public enum LiveContexts {
    private static let interrupters = Mutex<[ObjectIdentifier: Interrupter]>([:])

    static func add(_ interrupter: Interrupter) {
        interrupters.withLock { $0[ObjectIdentifier(interrupter)] = interrupter }
    }

    static func remove(_ interrupter: Interrupter) {
        interrupters.withLock { $0[ObjectIdentifier(interrupter)] = nil }
    }

    /// Interrupts the check running in each live context. A check that starts after this is not
    /// stopped, so a caller that must stop everything repeats it until the work ends.
    public static func interruptChecks() {
        let all = interrupters.withLock { Array($0.values) }
        for interrupter in all { interrupter.interruptCheck() }
    }
}
