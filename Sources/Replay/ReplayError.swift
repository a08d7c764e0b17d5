import SlabModel

/// Why a trace cannot be replayed at all: bad input, not a finding about the allocator.
public enum ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The trace takes an action the model, or the real allocator, does not allow where it takes it.
    case impossibleStep(step: Int, action: SlabAction, reason: String)
    /// A recorded field is not what the model produces for the trace's own actions.
    case tampered(step: Int, field: String, recorded: String, model: String)
    /// The trace contradicts itself in some other way (names a property no step breaks).
    case inconsistent(String)
    /// The real allocator cannot be built for this configuration or variant.
    case unsupported(String)

    public var description: String {
        switch self {
        case .impossibleStep(let step, let action, let reason):
            "step \(step): \(action) is impossible: \(reason)"
        case .tampered(let step, let field, let recorded, let model):
            "tampered trace: step \(step) field \(field) recorded \(recorded) model gives \(model)"
        case .inconsistent(let message): "inconsistent trace: \(message)"
        case .unsupported(let message): message
        }
    }
}
