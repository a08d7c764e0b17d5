/// What several engines establish together about one spec (`--engine all`).
extension SpecResult {
    /// The strongest verdict any engine reached on each property: a counterexample (the first
    /// engine's, in the order given, so the explicit engine's shortest one when it ran), else a
    /// proof by induction or an exhausted explicit search (`holds`), else the first engine's
    /// `bounded` or `unknown`. BMC alone never makes `holds`: its depth says only "not within".
    /// The engine, statistics, completion and coverage are the first's. Nil for no results.
    public static func combined(_ results: [SpecResult]) -> SpecResult? {
        guard var combined = results.first else { return nil }
        for (i, property) in combined.properties.enumerated() {
            let verdicts = results.compactMap { result in result.properties.first { $0.property == property.property } }
            if let violated = verdicts.first(where: { if case .violated = $0.verdict { true } else { false } }) {
                combined.properties[i] = violated
            } else if let held = verdicts.first(where: { $0.verdict == .holds }) {
                combined.properties[i] = held
            }
        }
        return combined
    }
}
