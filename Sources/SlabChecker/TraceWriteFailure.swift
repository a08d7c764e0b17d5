/// A counterexample that could not be written to its file: where it should have gone and why.
/// The verdict and the trace do not depend on it; the report names it and the exit status says it.
public struct TraceWriteFailure: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot write the counterexample to \(path): \(reason)" }
}
