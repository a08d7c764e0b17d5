import SlabModel
import SlabSpec

/// A minimal valid spec, one key per line, so tests know every key's line number:
/// line 1 `cpus`, 2 `num`, 3 `limit`, 4 `batchcount`, 5 `sharedLimit`, 6 `batchRefillLimit`,
/// 7 `freeLimit`, 8 `pages`, 9 `variant`, 10 `check`, 11 `expect`.
let baseLines: [(key: String, value: String)] = [
    ("cpus", "2"), ("num", "2"), ("limit", "2"), ("batchcount", "1"), ("sharedLimit", "0"),
    ("batchRefillLimit", "16"), ("freeLimit", "3"), ("pages", "2"), ("variant", "seed"),
    ("check", "all"), ("expect", "holds"),
]

/// The base spec with some values replaced (line numbers unchanged), some keys left out, and
/// extra lines appended from line 12 on.
func specText(_ overrides: [String: String] = [:], without omitted: Set<String> = [], adding extra: [String] = [])
    -> String
{
    let lines = baseLines.filter { !omitted.contains($0.key) }.map { "\($0.key): \(overrides[$0.key] ?? $0.value)" }
    return (lines + extra).joined(separator: "\n") + "\n"
}

/// The errors parsing `text` throws; empty if it parses.
func errors(_ text: String, path: String = "test.spec") -> [SpecError] {
    do {
        _ = try Spec.parse(text, path: path)
        return []
    } catch {
        return error.errors
    }
}

func errors(bytes: [UInt8], path: String = "test.spec") -> [SpecError] {
    do {
        _ = try Spec.parse(bytes: bytes, path: path)
        return []
    } catch {
        return error.errors
    }
}

func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(line: line, column: column) }

/// Whether some error is at `line:column` and its message contains `phrase`.
func hasError(_ errors: [SpecError], at location: SourceLocation, containing phrase: String) -> Bool {
    errors.contains { $0.location == location && $0.message.contains(phrase) }
}

/// The column where the value of base line `key` starts (`key: value`).
func valueColumn(_ key: String) -> Int { key.count + 3 }
