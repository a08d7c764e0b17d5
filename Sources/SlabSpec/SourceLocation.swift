/// A 1-based line and column in a spec file.
///
/// Kept on every directive and every error so that messages read like a compiler's
/// (`path:line:column:`) and so that later tools (counterexample reports, linters) can point back
/// at the line that caused something. Columns count Unicode scalars: every token the format
/// defines is ASCII, so for any well-formed spec this is also the byte and the character column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
