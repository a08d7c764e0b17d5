/// The engines a spec can be checked with: one name for the command line, the reports and the
/// traces.
public enum Engine: String, CaseIterable, Sendable {
    /// Exhaustive breadth-first search of the states: shortest counterexamples, or `holds`.
    case explicit
    /// Z3 bounded model checking: shortest counterexamples, or nothing within a depth.
    case bmc
    /// Z3 k-induction: proofs beyond any bound.
    case induction
}
