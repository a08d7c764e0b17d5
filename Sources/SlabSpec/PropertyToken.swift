/// A token of a property expression, with where it starts.
struct PropertyToken {
    enum Kind: Equatable {
        case identifier(String)
        case number(Int)
        case symbol(String)
        case end
    }

    var kind: Kind
    var location: SourceLocation

    var text: String {
        switch kind {
        case .identifier(let s), .symbol(let s): s
        case .number(let n): String(n)
        case .end: "end of line"
        }
    }

    /// As an error message names it.
    var quoted: String { kind == .end ? "the end of the line" : Token.quote(text) }

    static let symbols = [
        "<=", ">=", "==", "!=", "&&", "||", "=>", "(", ")", "[", "]", ".", ",", ":", "+", "-", "*", "/", "<", ">", "!",
    ]

    /// Splits `scalars` (which start at `column` of `line`) into tokens; a character that starts
    /// no token, or a number past 64 bits, is reported through `problem` and skipped.
    static func lex(
        _ scalars: ArraySlice<Unicode.Scalar>, line: Int, column: Int, problem: (String, SourceLocation) -> Void
    ) -> [PropertyToken] {
        var tokens: [PropertyToken] = []
        var i = scalars.startIndex
        func location(_ index: Int) -> SourceLocation {
            SourceLocation(line: line, column: column + index - scalars.startIndex)
        }
        func isWordStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" }
        func isWord(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || ("0"..."9").contains(c) }
        while i < scalars.endIndex {
            let c = scalars[i]
            if SpecLine.isSpace(c) {
                i += 1
            } else if isWordStart(c) {
                let start = i
                while i < scalars.endIndex, isWord(scalars[i]) { i += 1 }
                tokens.append(
                    PropertyToken(
                        kind: .identifier(String(String.UnicodeScalarView(scalars[start..<i]))),
                        location: location(start)))
            } else if ("0"..."9").contains(c) {
                let start = i
                while i < scalars.endIndex, ("0"..."9").contains(scalars[i]) { i += 1 }
                let digits = String(String.UnicodeScalarView(scalars[start..<i]))
                guard let n = Int(digits) else {
                    problem(
                        "the number \(digits) is too large: a property computes with 64-bit integers, at most \(Int.max)",
                        location(start))
                    continue
                }
                tokens.append(PropertyToken(kind: .number(n), location: location(start)))
            } else if let symbol = symbols.first(where: { s in
                let u = Array(s.unicodeScalars)
                return i + u.count <= scalars.endIndex && Array(scalars[i..<(i + u.count)]) == u
            }) {
                tokens.append(PropertyToken(kind: .symbol(symbol), location: location(i)))
                i += symbol.unicodeScalars.count
            } else {
                problem("unexpected character \(Token.quote(String(c))) in a property expression", location(i))
                i += 1
            }
        }
        tokens.append(PropertyToken(kind: .end, location: location(scalars.endIndex)))
        return tokens
    }
}
