/// The configurations the project checks by name: the four of the first issue (every one with
/// interrupts and reap), the kernel's own sizes, and the smallest cache where `overrun-slab`
/// shows. Tests, benchmarks and lockstep runs name these rather than repeat their numbers.
extension Configuration {
    public static let tiny = Configuration(
        cpus: 1, num: 2, limit: 2, batchcount: 1, sharedLimit: 0, batchRefillLimit: 16, freeLimit: 3, pages: 2,
        growMayFail: true, migration: false)

    public static let small = Configuration(
        cpus: 2, num: 2, limit: 2, batchcount: 1, sharedLimit: 2, batchRefillLimit: 16, freeLimit: 5, pages: 2,
        growMayFail: true, migration: true)

    public static let medium = Configuration(
        cpus: 2, num: 3, limit: 4, batchcount: 2, sharedLimit: 4, batchRefillLimit: 1, freeLimit: 9, pages: 3,
        growMayFail: true, migration: true)

    public static let large = Configuration(
        cpus: 3, num: 4, limit: 4, batchcount: 2, sharedLimit: 4, batchRefillLimit: 16, freeLimit: 12, pages: 3,
        growMayFail: true, migration: true)

    /// Linux 2.6.9's `enable_cpucache` sizes for a small-object cache on two CPUs.
    public static let kernel = Configuration(
        cpus: 2, num: 30, limit: 120, batchcount: 60, sharedLimit: 480, batchRefillLimit: 16, freeLimit: 210, pages: 4,
        growMayFail: true, migration: true)

    /// One object per slab and a batch of two: a refill can run past a full slab (`overrun-slab`).
    public static let oneObjectSlabs = Configuration(
        cpus: 1, num: 1, limit: 2, batchcount: 2, sharedLimit: 0, batchRefillLimit: 16, freeLimit: 3, pages: 2,
        growMayFail: true, migration: false)

    /// The configurations a spec's `config:` line may name, by the names the shipped specs use.
    public static let named: [(name: String, configuration: Configuration)] = [
        ("tiny", .tiny), ("small", .small), ("medium", .medium), ("large", .large), ("kernel", .kernel),
        ("one-object-slabs", .oneObjectSlabs),
    ]

    /// This configuration with one `tune` triple allowed.
    public func tuned(limit: Int, batchcount: Int, sharedFactor: Int) -> Configuration {
        var c = self
        c.tuning = [Tuning(limit: limit, batchcount: batchcount, sharedFactor: sharedFactor)]
        return c
    }
}
