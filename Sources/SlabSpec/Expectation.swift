import SlabModel

/// What the spec's author claims the check will find, so that a run can pass or fail on its own
/// (a seed spec expects `holds`; a mutant spec expects the property its bug breaks).
public enum Expectation: Hashable, Sendable {
    case holds
    case violates(BuiltInProperty)
    /// One of the spec's own `property:` lines, by name.
    case violatesProperty(String)

    /// The property a `violates` expectation names.
    public var violatedName: String? {
        switch self {
        case .holds: nil
        case .violates(let p): p.rawValue
        case .violatesProperty(let name): name
        }
    }

    /// As the spec writes it.
    public var text: String { violatedName.map { "violates \($0)" } ?? "holds" }
}
