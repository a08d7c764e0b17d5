/// Reads JSON text into `JSON`, with what is wrong and where (line and column) on bad input, and
/// a bound on nesting.
///
/// Foundation's reader names no position, and its recursion has no bound a caller can rely on;
/// a trace is user input, so a truncated file should say where it ends and a file nested ten
/// thousand deep should be an error, not a stack overflow.
struct JSONParser {
    /// Deeper than any trace slabcheck writes (about 6), far below what the stack can take.
    static let maxDepth = 128

    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 1

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    func fail(_ message: String) -> TraceError {
        TraceError("line \(line), column \(column): \(message)")
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    var found: String {
        guard let c = current else { return "the end of the file" }
        return c.properties.isWhitespace || c.value < 0x20
            ? "character U+\(String(c.value, radix: 16, uppercase: true))" : "`\(c)`"
    }

    mutating func advance() {
        guard let c = current else { return }
        index += 1
        if c == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    mutating func skipSpace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(TraceError) {
        guard current == c else { throw fail("expected \(what), found \(found)") }
        advance()
    }

    /// The whole text: one value and nothing after it but space.
    mutating func document() throws(TraceError) -> JSON {
        skipSpace()
        let v = try value(depth: 0)
        skipSpace()
        guard current == nil else { throw fail("unexpected \(found) after the end of the JSON value") }
        return v
    }

    mutating func value(depth: Int) throws(TraceError) -> JSON {
        guard depth < Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) deep") }
        switch current {
        case "{": return try object(depth: depth)
        case "[": return try array(depth: depth)
        case "\"": return .string(try string())
        case "t": return try word("true", .bool(true))
        case "f": return try word("false", .bool(false))
        case "n": return try word("null", .null)
        case let c? where c == "-" || ("0"..."9").contains(c): return try number()
        default: throw fail("expected a JSON value, found \(found)")
        }
    }

    mutating func word(_ text: String, _ result: JSON) throws(TraceError) -> JSON {
        for c in text.unicodeScalars {
            guard current == c else { throw fail("expected `\(text)`, found \(found)") }
            advance()
        }
        return result
    }

    mutating func object(depth: Int) throws(TraceError) -> JSON {
        advance()
        var members: [(String, JSON)] = []
        skipSpace()
        if current == "}" {
            advance()
            return .object(members)
        }
        while true {
            skipSpace()
            guard current == "\"" else { throw fail("expected a key in quotes, found \(found)") }
            let (keyLine, keyColumn) = (line, column)
            let key = try string()
            if members.contains(where: { $0.0 == key }) {
                throw TraceError("line \(keyLine), column \(keyColumn): the key \"\(key)\" appears twice in one object")
            }
            skipSpace()
            try expect(":", "`:` after a key")
            skipSpace()
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            if current == "," {
                advance()
                continue
            }
            try expect("}", "`,` or `}` in an object")
            return .object(members)
        }
    }

    mutating func array(depth: Int) throws(TraceError) -> JSON {
        advance()
        var items: [JSON] = []
        skipSpace()
        if current == "]" {
            advance()
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            if current == "," {
                advance()
                continue
            }
            try expect("]", "`,` or `]` in an array")
            return .array(items)
        }
    }

    mutating func string() throws(TraceError) -> String {
        advance()
        var out = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw fail("a string is not closed before the end of the file") }
            if c == "\"" {
                advance()
                return String(out)
            }
            if c.value < 0x20 {
                throw fail("a control character (U+\(String(c.value, radix: 16, uppercase: true))) inside a string")
            }
            advance()
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard let e = current else { throw fail("a string is not closed before the end of the file") }
            switch e {
            case "\"", "\\", "/": out.append(e)
            case "b": out.append("\u{8}")
            case "f": out.append("\u{C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "u":
                advance()
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), current == "\\" {
                    advance()
                    try expect("u", "`\\u` of a surrogate pair's second half")
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw fail("a surrogate pair's second half is not a low surrogate")
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else {
                    throw fail("`\\u` names no character (a lone surrogate)")
                }
                out.append(scalar)
                continue
            default: throw fail("unknown escape `\\\(e)` in a string")
            }
            advance()
        }
    }

    mutating func hex4() throws(TraceError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let digit = Int(String(c), radix: 16) else {
                throw fail("expected four hex digits after `\\u`, found \(found)")
            }
            code = code * 16 + UInt32(digit)
            advance()
        }
        return code
    }

    /// An integer, or (a report's seconds, say) a decimal; a fraction or an exponent makes an
    /// integer only when the number is still a whole one.
    mutating func number() throws(TraceError) -> JSON {
        let (startLine, startColumn) = (line, column)
        var text = ""
        while let c = current, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) {
            text.unicodeScalars.append(c)
            advance()
        }
        if let n = Int(text) { return .number(n) }
        if let d = Double(text), d.isFinite {
            if d.rounded() == d, let n = Int(exactly: d) { return .number(n) }
            return .decimal(d)
        }
        throw TraceError("line \(startLine), column \(startColumn): \(text) is not a number")
    }
}
