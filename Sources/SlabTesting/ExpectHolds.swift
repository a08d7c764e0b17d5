import ModelKit
import SlabChecker
import SlabModel
import SlabProperty
import SlabReport
import SlabTrace
import Testing

/// Checks that `property` holds on `configuration` under `variant`, and records an `Issue` at the
/// caller's line when it does not: the shortest counterexample printed step by step, the ITF
/// trace attached.
///
/// What "holds" means depends on the engine: `.explicit` exhausts the states, `.bmc(depth:)`
/// finds no counterexample within the depth (all BMC can say), `.induction(depth:)` proves it.
/// Throws for a property that cannot be judged (an unbound name, an explicit-only property on a
/// symbolic engine) and for engine errors.
@discardableResult
public func expectHolds(
    _ property: Property, on configuration: Configuration, variant: Variant = .seed, engine: PropertyEngine = .explicit,
    maxStates: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> PropertyResult {
    let result = try judge(property, configuration, variant, engine, maxStates)
    switch result.verdict {
    case .holds: break
    case .bounded(let bound, _) where isCleanBound(bound, engine): break
    case .bounded, .unknown:
        Issue.record(
            "\(property.name) was not shown to hold on \(variant.rawValue) with \(engine): \(result.verdict.explanation ?? "")",
            sourceLocation: sourceLocation)
    case .violated(let depth):
        recordFailure(
            "\(property.name) is violated in \(depth) steps on \(variant.rawValue) (\(engine))", trace: result.trace,
            sourceLocation: sourceLocation)
    }
    return result
}

/// Checks that `property` fails on `configuration` under `variant` (a mutant, a broken variant),
/// recording an `Issue` at the caller's line when the engine finds no counterexample. A mutant's
/// state space can be endless, so the explicit search stops after `maxStates` states.
@discardableResult
public func expectViolates(
    _ property: Property, on configuration: Configuration, variant: Variant, engine: PropertyEngine = .explicit,
    maxStates: Int? = 1_000_000, sourceLocation: SourceLocation = #_sourceLocation
) throws -> PropertyResult {
    let result = try judge(property, configuration, variant, engine, maxStates)
    if case .violated = result.verdict { return result }
    let said = result.verdict.explanation.map { "\(result.verdict.word) (\($0))" } ?? result.verdict.word
    Issue.record(
        "\(property.name) was expected to be violated on \(variant.rawValue) (\(engine)), but the engine says \(said)",
        sourceLocation: sourceLocation)
    return result
}

func judge(
    _ property: Property, _ configuration: Configuration, _ variant: Variant, _ engine: PropertyEngine,
    _ maxStates: Int?
) throws -> PropertyResult {
    let outcome = try PropertyRun.check(
        [property], configuration: configuration, variant: variant, engine: engine, spec: "swift test",
        maxStates: maxStates)
    guard let result = outcome.properties.first else { throw PropertyError(["no verdict for \(property.name)"]) }
    return result
}

/// BMC's only positive answer is "nothing within the depth".
func isCleanBound(_ bound: Bound, _ engine: PropertyEngine) -> Bool {
    guard case .bmc(let depth) = engine else { return false }
    return bound == .depth(depth)
}

/// Records the failure with the trace in the message and, as an ITF file, attached.
func recordFailure(_ headline: String, trace: SlabTrace?, sourceLocation: SourceLocation) {
    guard let trace else {
        Issue.record(Comment(rawValue: headline), sourceLocation: sourceLocation)
        return
    }
    Issue.record(Comment(rawValue: headline + "\n" + TraceText.render(trace)), sourceLocation: sourceLocation)
    Attachment.record(
        trace.itf.rendered() + "\n", named: "\(trace.origin.property ?? "run").itf.json", sourceLocation: sourceLocation
    )
}
