import ExplicitChecker
import Foundation
import ModelKit
import SlabModel
import SlabTrace
import Synchronization

/// Counterexamples already found, so tests that share one search it once.
private let found = Mutex<[String: SlabTrace]>([:])

/// No counterexample where a test expected one.
public struct NoCounterexample: Error, CustomStringConvertible {
    public var description: String
}

/// The shortest counterexample for `property` under `variant`, found by the explicit engine and
/// written out as the model checker writes it (`SlabTrace.run`).
public func counterexample(
    _ variant: Variant, _ property: BuiltInProperty, _ configuration: Configuration, maxSeconds: Double = 120
) throws -> SlabTrace {
    let key = "\(variant.rawValue) \(property.rawValue) \(configuration)"
    if let known = found.withLock({ $0[key] }) { return known }
    let model = SlabModel(configuration: configuration, variant: variant)
    // The limit is the test process's resident memory, which the tests running alongside share:
    // it only stops a runaway search.
    let options = ExplicitOptions(
        properties: property.set, maxSeconds: maxSeconds, memoryBytes: 1 << 34, threads: 1, symmetry: .all)
    let result = try ExplicitChecker(model: model, options: options).run()
    guard let shortest = result.counterexamples[property.index] else {
        throw NoCounterexample(
            description: "no counterexample for \(property.rawValue) under \(variant.rawValue): \(result.completion)")
    }
    let origin = SlabTrace.Origin(
        spec: "test", configuration: configuration, variant: variant, property: property.rawValue, engine: "explicit")
    let trace = try SlabTrace.run(shortest.steps.map(\.action), on: model, origin: origin).get()
    found.withLock { $0[key] = trace }
    return trace
}

/// The trace as it comes back from its ITF file.
public func throughITF(_ trace: SlabTrace) throws -> SlabTrace {
    try SlabTrace(itfData: Data(trace.itf.rendered().utf8), file: "trace.itf.json")
}

/// A run of the seed on small with a tuning triple that takes every kind of step: a grow that
/// fails, a migration, an interrupt, a free, a full reap and a tune.
public func sampleTrace() throws -> SlabTrace {
    var c = Configuration.small
    c.tuning = [.init(limit: 3, batchcount: 2, sharedFactor: 1)]
    let model = SlabModel(configuration: c, variant: .seed)
    let actions: [SlabAction] = [
        .alloc(task: 1), .growDone(task: 1, ok: false), .alloc(task: 0), .migrate(task: 0, cpu: 1),
        .growDone(task: 0, ok: true), .irqAlloc(cpu: 1, growFails: false), .free(task: 1, object: 0),
        .reap(cpu: 1, full: true), .tune(0),
    ]
    let origin = SlabTrace.Origin(
        spec: "Specs/x.spec", configuration: c, variant: .seed, property: nil, engine: "explicit")
    return try SlabTrace.run(actions, on: model, origin: origin).get()
}
