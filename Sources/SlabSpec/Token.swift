/// A run of non-separator text on one line, with where it starts.
struct Token {
    var text: String
    var location: SourceLocation

    /// The token as an error message shows it: in backquotes, cut short, and with invisible
    /// characters escaped, so that a megabyte of binary on one line still makes a one-line message.
    var quoted: String { Token.quote(text) }

    static func quote(_ text: String) -> String {
        let limit = 40
        var shown = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                shown += "…"
                break
            }
            shown += isVisible(scalar) ? String(scalar) : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            count += 1
        }
        return "`\(shown)`"
    }

    private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            false
        default:
            true
        }
    }

    /// Splits `key=value`, with the value's own location, for `tune:` and `bound:` items.
    func splitAssignment() -> (key: Token, value: Token)? {
        let scalars = Array(text.unicodeScalars)
        guard let equals = scalars.firstIndex(of: "=") else { return nil }
        let key = Token(text: String(String.UnicodeScalarView(scalars[..<equals])), location: location)
        let value = Token(
            text: String(String.UnicodeScalarView(scalars[(equals + 1)...])),
            location: SourceLocation(line: location.line, column: location.column + equals + 1))
        return (key, value)
    }
}
