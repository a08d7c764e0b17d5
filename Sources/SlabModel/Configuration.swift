/// The size and shape of one SLAB cache and of the schedule that drives it (Documentation/Model.md, Configuration).
///
/// Every field is one a spec sets. Validation mirrors what `slabinfo_write` would refuse, plus the
/// few minimums the model itself needs, so a configuration that is accepted is one the kernel could run.
public struct Configuration: Hashable, Sendable, Codable {
    /// A `(limit, batchcount, sharedFactor)` triple that a `tune` step may install.
    public struct Tuning: Hashable, Sendable, Codable {
        public var limit: Int
        public var batchcount: Int
        public var sharedFactor: Int

        public init(limit: Int, batchcount: Int, sharedFactor: Int) {
            self.limit = limit
            self.batchcount = batchcount
            self.sharedFactor = sharedFactor
        }
    }

    public var cpus: Int
    public var num: Int
    public var limit: Int
    public var batchcount: Int
    public var sharedLimit: Int
    public var batchRefillLimit: Int
    public var freeLimit: Int
    public var pages: Int
    public var growMayFail: Bool
    /// Process contexts; task `t` starts on CPU `t mod cpus`.
    public var tasks: Int
    public var migration: Bool
    public var tuning: [Tuning]
    /// Whether interrupt handlers (`irqAlloc`, `irqFree`) are part of the schedule.
    public var interrupts: Bool
    /// Whether `cache_reap` is part of the schedule.
    public var reap: Bool

    public init(
        cpus: Int, num: Int, limit: Int, batchcount: Int, sharedLimit: Int,
        batchRefillLimit: Int, freeLimit: Int, pages: Int, growMayFail: Bool,
        tasks: Int? = nil, migration: Bool, tuning: [Tuning] = [],
        interrupts: Bool = true, reap: Bool = true
    ) {
        self.cpus = cpus
        self.num = num
        self.limit = limit
        self.batchcount = batchcount
        self.sharedLimit = sharedLimit
        self.batchRefillLimit = batchRefillLimit
        self.freeLimit = freeLimit
        self.pages = pages
        self.growMayFail = growMayFail
        self.tasks = tasks ?? cpus
        self.migration = migration
        self.tuning = tuning
        self.interrupts = interrupts
        self.reap = reap
    }

    /// The problems that make this configuration one the kernel (or the model) would refuse.
    ///
    /// Empty when the configuration is valid. Each entry names the field, so a spec parser can point
    /// at the line that set it.
    public var problems: [ConfigurationProblem] {
        var found: [ConfigurationProblem] = []
        func require(_ ok: Bool, _ field: String, _ message: String) {
            if !ok { found.append(ConfigurationProblem(field: field, message: message)) }
        }
        require(cpus >= 1, "cpus", "cpus must be at least 1, got \(cpus)")
        require(num >= 1, "num", "num must be at least 1, got \(num)")
        require(pages >= 1, "pages", "pages must be at least 1, got \(pages)")
        require(limit >= 1, "limit", "limit must be at least 1 (slabinfo_write refuses 0), got \(limit)")
        require(
            batchcount >= 1 && batchcount <= limit, "batchcount",
            "batchcount must be in 1...limit (slabinfo_write), got \(batchcount) with limit \(limit)")
        require(sharedLimit >= 0, "sharedLimit", "sharedLimit must be at least 0, got \(sharedLimit)")
        require(
            batchRefillLimit >= 0, "batchRefillLimit", "batchRefillLimit must be at least 0, got \(batchRefillLimit)")
        require(freeLimit >= 0, "freeLimit", "freeLimit must be at least 0, got \(freeLimit)")
        require(tasks >= 1, "tasks", "tasks must be at least 1, got \(tasks)")
        require(!migration || cpus >= 2, "migration", "migration needs at least 2 cpus")
        for (field, value, most) in Configuration.maxima(self) where value > most {
            require(false, field, "\(field) is at most \(most) in this model, got \(value)")
        }
        for (k, t) in tuning.enumerated() {
            require(t.limit >= 1, "tuning", "tuning #\(k + 1): limit must be at least 1, got \(t.limit)")
            require(
                t.batchcount >= 1 && t.batchcount <= t.limit, "tuning",
                "tuning #\(k + 1): batchcount must be in 1...limit, got \(t.batchcount) with limit \(t.limit)")
            require(
                t.sharedFactor >= 0, "tuning",
                "tuning #\(k + 1): sharedFactor must be at least 0, got \(t.sharedFactor)")
            require(t.limit <= 1024, "tuning", "tuning #\(k + 1): limit is at most 1024 in this model, got \(t.limit)")
            require(
                t.sharedFactor <= 1024 && t.batchcount * t.sharedFactor <= 1024, "tuning",
                "tuning #\(k + 1): the shared array (batchcount × sharedFactor) is at most 1024 in this model")
        }
        require(tuning.count <= 8, "tuning", "at most 8 tuning triples in this model, got \(tuning.count)")
        return found
    }

    /// The largest values the model (and the real allocator beside it) can hold: a free list is a
    /// 64-bit mask, CPUs are permuted for symmetry, and the C allocator has fixed-size tables.
    static func maxima(_ c: Configuration) -> [(String, Int, Int)] {
        [
            ("cpus", c.cpus, 8), ("num", c.num, 64), ("pages", c.pages, 64), ("tasks", c.tasks, 16),
            ("limit", c.limit, 1024), ("sharedLimit", c.sharedLimit, 1024),
            ("batchRefillLimit", c.batchRefillLimit, 1 << 20),
            ("freeLimit", c.freeLimit, 1 << 30),
        ]
    }

    /// The refill's outer-loop passes one step may make before `refill-terminates` calls it a hang.
    public var passBudget: Int { 2 * (max(batchcount, tuning.map(\.batchcount).max() ?? 0) + pages) + 2 }
}

/// Why a configuration is refused, and which field is to blame.
public struct ConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var description: String { message }
}
