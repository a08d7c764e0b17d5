/// Why a trace file cannot be read or used, said so a person can fix the file.
public struct TraceError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
