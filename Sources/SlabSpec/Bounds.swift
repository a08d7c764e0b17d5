/// Resource limits for one check, from the `bound:` line.
///
/// Each is optional: an unset bound means the checker runs until the state space is exhausted
/// (or the machine runs out), which is the right default for the small configurations specs use.
public struct Bounds: Hashable, Sendable {
    /// Steps from the initial state; states deeper than this are not expanded.
    public var depth: Int?
    /// Distinct states to visit before giving up.
    public var states: Int?
    /// Wall-clock time before giving up.
    public var seconds: Double?
    /// Memory the checker may use for its state store.
    public var memoryBytes: Int?

    public init(depth: Int? = nil, states: Int? = nil, seconds: Double? = nil, memoryBytes: Int? = nil) {
        self.depth = depth
        self.states = states
        self.seconds = seconds
        self.memoryBytes = memoryBytes
    }
}
