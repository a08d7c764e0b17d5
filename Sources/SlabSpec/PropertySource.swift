import SlabProperty

/// A property expression read on its own, outside a spec file: a trace's `#meta.propertySource`,
/// a `--property` on the command line. The same lexer and parser as a `property:` line, so it
/// means what it would mean there.
struct PropertySource: Error {
    var message: String
    /// 1-based, in the text given.
    var column: Int

    static func formula(_ text: String) throws(PropertySource) -> Formula {
        let scalars = Array(text.unicodeScalars)
        var unexpected: (Unicode.Scalar, SourceLocation)?
        let tokens = PropertyToken.lex(scalars[...], line: 1, column: 1) { scalar, location in
            if unexpected == nil { unexpected = (scalar, location) }
        }
        if let (scalar, location) = unexpected {
            throw PropertySource(
                message: "unexpected character \(Token.quote(String(scalar))) in a property expression", column: location.column)
        }
        var parser = PropertyExpressionParser(tokens: tokens)
        do {
            return try parser.parseProperty()
        } catch {
            throw PropertySource(message: error.message, column: error.location.column)
        }
    }
}
