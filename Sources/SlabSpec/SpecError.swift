/// One thing wrong with a spec file, located so an editor can jump to it.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// Nil only when the error concerns the file as a whole (it could not be read at all).
    public var location: SourceLocation?
    /// What was found and what was expected.
    public var message: String

    public init(path: String, location: SourceLocation?, message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    /// The compiler convention, which editors and CI log parsers already understand.
    public var description: String {
        if let location {
            return "\(path):\(location.line):\(location.column): error: \(message)"
        }
        return "\(path): error: \(message)"
    }
}

/// Every error found in one spec, in file order.
///
/// Thrown as one value so that a single run shows the author everything to fix, not one
/// mistake per run.
public struct SpecErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [SpecError]

    public init(_ errors: [SpecError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
