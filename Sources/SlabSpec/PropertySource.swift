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
        var problem: (message: String, location: SourceLocation)?
        let tokens = PropertyToken.lex(scalars[...], line: 1, column: 1) { message, location in
            if problem == nil { problem = (message, location) }
        }
        if let problem { throw PropertySource(message: problem.message, column: problem.location.column) }
        var parser = PropertyExpressionParser(tokens: tokens)
        do throws(PropertyExpressionParser.Failure) {
            return try parser.parseProperty()
        } catch {
            throw PropertySource(message: error.message, column: error.location.column)
        }
    }
}
