import ExplicitChecker
import Foundation
import ModelKit
import Replay
import SlabModel
import SlabTrace
import Synchronization

/// Counterexamples already found, so tests that share one search it once.
let counterexamples = Mutex<[String: SlabTrace]>([:])

/// Configurations for the mutant counterexamples.
enum Configs {
    static func named(_ name: String) -> Configuration? {
        LockstepSubject.standard.first { $0.name == name }?.configuration
    }

    static let small = Configuration.small

    /// One object per slab and a batch of two: a refill can run past a full slab (overrun-slab).
    static let oneObjectSlabs = Configuration.oneObjectSlabs

    /// One CPU with a tuning triple, no migration: the stale `ac` comes from tune, not from a move.
    static let tunedOneCpu = Configuration.tiny.tuned(limit: 2, batchcount: 1, sharedFactor: 0)
}

struct NoCounterexample: Error, CustomStringConvertible {
    var description: String
}

/// The shortest counterexample for `property` under `variant`, found by the explicit engine and
/// written out as the model checker writes it (`SlabTrace.run`).
func counterexample(
    _ variant: Variant, _ property: BuiltInProperty, _ configuration: Configuration, maxSeconds: Double = 120
) throws -> SlabTrace {
    let key = "\(variant.rawValue) \(property.rawValue) \(configuration)"
    if let known = counterexamples.withLock({ $0[key] }) { return known }
    let model = SlabModel(configuration: configuration, variant: variant)
    let options = ExplicitOptions(
        properties: property.set, maxSeconds: maxSeconds, memoryBytes: 1 << 30, threads: 1, symmetry: .all)
    let result = try ExplicitChecker(model: model, options: options).run()
    guard let found = result.counterexamples[property.index] else {
        throw NoCounterexample(description: "no counterexample for \(property.rawValue) under \(variant.rawValue): \(result.completion)")
    }
    let origin = SlabTrace.Origin(
        spec: "test", configuration: configuration, variant: variant, property: property.rawValue, engine: "explicit")
    let trace = try SlabTrace.run(found.steps.map(\.action), on: model, origin: origin).get()
    counterexamples.withLock { $0[key] = trace }
    return trace
}

/// The trace as it comes back from its ITF file.
func throughITF(_ trace: SlabTrace) throws -> SlabTrace {
    try SlabTrace(itfData: Data(trace.itf.rendered().utf8), file: "trace.itf.json")
}
