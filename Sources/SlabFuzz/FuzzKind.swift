/// What a fuzzing input is: a whole spec, a property expression (in a small spec), or an ITF trace.
public enum FuzzKind: String, CaseIterable, Sendable {
    case spec, property, trace
}
