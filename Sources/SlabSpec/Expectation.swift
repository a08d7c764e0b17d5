import SlabModel

/// What the spec's author claims the check will find, so that a run can pass or fail on its own
/// (a seed spec expects `holds`; a mutant spec expects the property its bug breaks).
public enum Expectation: Hashable, Sendable {
    case holds
    case violates(BuiltInProperty)
}
