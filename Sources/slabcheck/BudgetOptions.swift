import ArgumentParser

/// Budgets shared by the commands that search.
/// Their values are read even when they start with `-`, so that `--max-states -5` is told the
/// value must be at least 1 rather than that it is missing.
struct BudgetOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Stop after this many distinct states (verdict: bounded).")
    var maxStates: Int?

    @Option(parsing: .unconditional, help: "Stop after this many seconds (verdict: bounded).")
    var maxSeconds: Double?

    @Option(parsing: .unconditional, help: "Explore at most this many steps deep.")
    var maxDepth: Int?

    @Option(
        parsing: .unconditional,
        help: "Memory the search may use, e.g. 8GB, 512MB (default: half of RAM, at most 16GB).")
    var memory: String?

    @Option(parsing: .unconditional, help: "Worker threads (default: every core).")
    var threads: Int?

    @Flag(help: "Store every state instead of one per symmetry orbit.")
    var noSymmetry = false

    mutating func validate() throws {
        if let maxStates, maxStates < 1 { throw ValidationError("--max-states must be at least 1") }
        if let maxSeconds, !(maxSeconds > 0) { throw ValidationError("--max-seconds must be positive") }
        if let maxDepth, maxDepth < 0 { throw ValidationError("--max-depth must be at least 0") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256") }
        if memory != nil, memoryBytes == nil {
            throw ValidationError("--memory takes a size such as 8GB, 512MB or 1000000 (bytes)")
        }
    }

    var memoryBytes: Int? {
        guard let memory else { return nil }
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1), ("", 1)]
        for (suffix, scale) in units where memory.uppercased().hasSuffix(suffix) {
            guard let value = Int(memory.dropLast(suffix.count)), value > 0 else { return nil }
            let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
            return overflow ? nil : bytes
        }
        return nil
    }
}
