import SlabModel

extension Configuration {
    /// tiny with a shared array of two entries: one CPU keeps the state space small enough for a
    /// debug-build test, and the shared array is what the shared-array mutants get wrong.
    static let tinyShared = Configuration(
        cpus: 1, num: 2, limit: 2, batchcount: 1, sharedLimit: 2, batchRefillLimit: 16, freeLimit: 5, pages: 2,
        growMayFail: true, migration: false)
}
