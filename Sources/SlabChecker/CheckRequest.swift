import Foundation
import ModelKit
import SlabSpec

/// A spec and how to check it: the engine and the budgets (the command line's, else the spec's).
public struct CheckRequest: Sendable {
    public var spec: Spec
    public var maxStates: Int?
    public var maxSeconds: Double?
    public var maxDepth: Int?
    public var memoryBytes: Int
    public var threads: Int
    /// The kinds of names the explicit engine may rename (the properties may narrow it further).
    public var symmetry: Symmetry

    public init(
        spec: Spec, maxStates: Int? = nil, maxSeconds: Double? = nil, maxDepth: Int? = nil,
        memoryBytes: Int? = nil, threads: Int = 2, symmetry: Symmetry = .all
    ) {
        self.spec = spec
        self.maxStates = maxStates ?? spec.bounds.states
        self.maxSeconds = maxSeconds ?? spec.bounds.seconds
        self.maxDepth = maxDepth ?? spec.bounds.depth
        self.memoryBytes = memoryBytes ?? spec.bounds.memoryBytes ?? CheckRequest.defaultMemory
        self.threads = threads
        self.symmetry = symmetry
    }

    /// Whether the search was cut only by a bound the spec itself asked for: then a clean search
    /// is the check the spec wanted, and meets `holds`.
    public func isSpecBound(_ bound: Bound) -> Bool {
        switch bound {
        case .depth: spec.bounds.depth != nil && maxDepth == spec.bounds.depth
        case .states: spec.bounds.states != nil && maxStates == spec.bounds.states
        case .time: spec.bounds.seconds != nil && maxSeconds == spec.bounds.seconds
        default: false
        }
    }

    /// Half of physical memory, at most 16 GiB: room for the rest of the process and the machine,
    /// so a big search ends `bounded` rather than being killed.
    public static var defaultMemory: Int {
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        return min(16 << 30, physical / 2)
    }
}
