import Replay
import SlabModel
import SlabProperty
import SlabTrace
import Testing

/// Property-based testing of the real allocator from Swift Testing: `runs` random schedules of
/// `steps` steps on the model and the real allocator in lockstep, `properties` and the built-in
/// ones judged after every step. A failure is shrunk and recorded at the caller's line with the
/// seed that repeats it and the shrunk trace (attached as ITF).
@discardableResult
public func expectRandomRunsPass(
    _ properties: [Property] = [], on configuration: Configuration, variant: Variant = .seed, runs: Int = 100,
    steps: Int = 50, seed: UInt64 = 0x51AB_C4EC_2026, sourceLocation: SourceLocation = #_sourceLocation
) throws -> RandomTesting.Report {
    let model = try PropertyModel(SlabModel(configuration: configuration, variant: variant), properties: properties)
    let testing = RandomTesting(model: model, runs: runs, steps: steps, seed: seed)
    let report = try testing.run()
    if let found = report.found {
        let headline =
            "random run \(found.run + 1) (seed \(found.seed)) on \(variant.rawValue) \(found.failure); "
            + "shrunk from \(found.original.count) to \(found.shrunk.count) steps"
        let trace = try testing.trace(found, spec: "swift test").get()
        recordFailure(headline, trace: trace, sourceLocation: sourceLocation)
    }
    return report
}
