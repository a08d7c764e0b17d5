import SlabModel

/// One field a step changed, with its value before and after: `Snapshot.changes(since:)` says
/// which fields, this says how, down to the sub-fields of an array cache or a slab.
public struct Change: Equatable, Sendable {
    public var field: String
    /// nil for a field the state before did not have (a slab that came alive).
    public var before: String?
    /// `dead` for a slab that died.
    public var after: String

    public init(field: String, before: String?, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// The changes from `before` to `after`, in the snapshot's field order.
    public static func between(_ before: Snapshot, _ after: Snapshot) -> [Change] {
        let old = Dictionary(before.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        return after.changes(since: before).map { Change(field: $0.name, before: old[$0.name], after: $0.value) }
    }

    /// `ac[0]: avail 0→1, entries []→[3]`; `freeObjects: 4 → 2`; `slab[1] = inuse=0 freeList=[0, 1]`.
    public var summary: String {
        guard let before else { return "\(field) = \(after)" }
        let old = Change.parts(before)
        let new = Change.parts(after)
        if !old.isEmpty, old.map(\.key) == new.map(\.key) {
            let changed = zip(old, new).filter { $0.value != $1.value }.map { "\($0.key) \($0.value)→\($1.value)" }
            return "\(field): " + changed.joined(separator: ", ")
        }
        return "\(field): \(before) → \(after)"
    }

    /// `key=value` items separated by spaces (a value may be a bracketed list with spaces in it);
    /// empty when `text` is not of that form.
    static func parts(_ text: String) -> [(key: String, value: String)] {
        var parts: [(String, String)] = []
        for item in words(text) {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else { return [] }
            parts.append((String(item[..<eq]), String(item[item.index(after: eq)...])))
        }
        return parts
    }

    /// `text` split at the spaces outside brackets: `[2, 0]` stays one word.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            if ch == "[" { depth += 1 }
            if ch == "]" { depth -= 1 }
            if ch == " ", depth <= 0 {
                words.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        words.append(current)
        return words
    }
}
