import ModelKit

/// Small random edits of a text, the kinds that find parser and reader bugs: a character
/// deleted, inserted, duplicated or replaced; a number made extreme; a line dropped, repeated or
/// moved; the text cut short.
struct Mutator {
    var random: SplitMix64

    /// Characters worth inserting: the format's own punctuation, digits, letters, space and
    /// line breaks, and a few that no format here expects.
    static let alphabet: [Character] = Array("0123456789-+*/()[]{}:,.=<>!&|\"#_ abcxyz\n\t\\\u{0}é∀😀")
    /// Numbers at the edges: zero, signs, the 32- and 64-bit limits and past them.
    static let extremes = [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483648", "4294967296", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "99999999999999999999999", "1e9", "0x10",
    ]

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(random.next() % UInt64(n)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `text` after one to four edits.
    mutating func mutate(_ text: String) -> String {
        var result = text
        for _ in 0...below(4) { result = edit(result) }
        return result
    }

    mutating func edit(_ text: String) -> String {
        var chars = Array(text)
        switch below(9) {
        case 0 where !chars.isEmpty: chars.remove(at: below(chars.count))
        case 1: chars.insert(pick(Self.alphabet), at: below(chars.count + 1))
        case 2 where !chars.isEmpty: chars[below(chars.count)] = pick(Self.alphabet)
        case 3 where !chars.isEmpty:
            let start = below(chars.count)
            let piece = chars[start..<min(chars.count, start + 1 + below(40))]
            chars.insert(contentsOf: piece, at: below(chars.count + 1))
        case 4: return replaceNumber(text)
        case 5: return editLines(text)
        case 6 where !chars.isEmpty: chars.removeLast(below(chars.count))
        case 7: return replaceNumber(replaceNumber(text))
        default: return editLines(text)
        }
        return String(chars)
    }

    /// One run of digits replaced by an extreme number.
    mutating func replaceNumber(_ text: String) -> String {
        let chars = Array(text)
        let starts = chars.indices.filter { chars[$0].isNumber && ($0 == 0 || !chars[$0 - 1].isNumber) }
        guard !starts.isEmpty else { return text }
        let start = pick(starts)
        var end = start
        while end < chars.count, chars[end].isNumber { end += 1 }
        return String(chars[..<start]) + pick(Self.extremes) + String(chars[end...])
    }

    /// A line dropped, repeated or moved.
    mutating func editLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let i = below(lines.count)
        switch below(3) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: below(lines.count + 1))
        default:
            let line = lines.remove(at: i)
            lines.insert(line, at: below(lines.count + 1))
        }
        return lines.joined(separator: "\n")
    }
}
