import Replay
import SlabModel

/// Configurations for the mutant counterexamples.
enum Configs {
    static func named(_ name: String) -> Configuration? {
        LockstepSubject.standard.first { $0.name == name }?.configuration
    }

    static let small = Configuration.small

    /// One object per slab and a batch of two: a refill can run past a full slab (overrun-slab).
    static let oneObjectSlabs = Configuration.oneObjectSlabs

    /// One CPU with a tuning triple, no migration: the stale `ac` comes from tune, not from a move.
    static let tunedOneCpu = Configuration.tiny.tuned(limit: 2, batchcount: 1, sharedFactor: 0)
}
