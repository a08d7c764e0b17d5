/// One line of a spec without its comment, and the tokenizing every directive shares.
///
/// Lines are kept as arrays of Unicode scalars so that an index is a column (minus one) and so
/// that no step is worse than linear in the line's length.
struct SpecLine {
    var number: Int
    /// The line without its terminator and without its comment.
    var content: ArraySlice<Unicode.Scalar>

    init(number: Int, scalars: [Unicode.Scalar]) {
        self.number = number
        // A CRLF file's carriage returns need no special case: they are whitespace, which
        // separates tokens and is trimmed from every value.
        content = scalars[..<(scalars.firstIndex(of: "#") ?? scalars.endIndex)]
    }

    func location(ofIndex index: Int) -> SourceLocation {
        SourceLocation(line: number, column: index + 1)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    static func isListSeparator(_ scalar: Unicode.Scalar) -> Bool { scalar == "," || isSpace(scalar) }

    /// The tokens of `range`, split wherever `isSeparator` holds.
    func tokens(in range: Range<Int>, separatedBy isSeparator: (Unicode.Scalar) -> Bool) -> [Token] {
        var tokens: [Token] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if isSeparator(content[index]) {
                index += 1
                continue
            }
            let start = index
            while index < range.upperBound, !isSeparator(content[index]) { index += 1 }
            tokens.append(
                Token(
                    text: String(String.UnicodeScalarView(content[start..<index])), location: location(ofIndex: start)))
        }
        return tokens
    }
}
