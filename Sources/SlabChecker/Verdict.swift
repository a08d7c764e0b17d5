import ModelKit
import SlabTrace

/// What a check says of one property.
public enum Verdict: Sendable, Equatable {
    /// Every reachable state (or, for a spec that sets its own bound, every state within it) was
    /// judged and none broke the property.
    case holds
    /// A counterexample exists: here is the shortest one found.
    case violated(depth: Int)
    /// The search stopped before it could say, at `bound`; a symbolic engine had by then cleared
    /// every depth up to `cleared` (nil for the explicit engine, whose bound says how far it got).
    case bounded(Bound, cleared: Int? = nil)
    /// The solver could not decide (Z3's `unknown`, in its own words): no claim either way.
    case unknown(String)

    /// Why no stronger verdict, for a reader: the bound (with the depth a symbolic engine cleared
    /// before it), or Z3's words; nil for `holds` and `violated`.
    public var explanation: String? {
        switch self {
        case .holds, .violated: nil
        case .bounded(let bound, let cleared?):
            cleared < 0 ? "no depth checked: \(bound)" : "depth \(cleared): \(bound)"
        case .bounded(let bound, nil): bound.description
        case .unknown(let reason): reason
        }
    }

    public var word: String {
        switch self {
        case .holds: "holds"
        case .violated: "violated"
        case .bounded: "bounded"
        case .unknown: "unknown"
        }
    }
}

/// One property's verdict, with its counterexample when it has one.
public struct PropertyResult: Sendable {
    public var property: String
    public var verdict: Verdict
    public var trace: SlabTrace?
    /// Where the trace was written, once it was.
    public var traceFile: String?
    /// Why the trace could not be written, when it could not.
    public var traceWriteFailure: TraceWriteFailure?
    /// A violation that is a division by zero in the counterexample's last state (Documentation/
    /// Model.md, Properties): said beside the verdict, so that it does not read as a false value.
    public var dividesByZero = false
}
