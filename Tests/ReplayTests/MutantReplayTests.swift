import Replay
import SlabModel
import SlabTrace
import TestSupport
import Testing

/// One mutant of Documentation/Model.md (Mutants), the property it breaks, and a configuration where it does.
struct MutantCase: CustomTestStringConvertible, Sendable {
    var variant: Variant
    var property: BuiltInProperty
    var configuration: Configuration
    var note: String

    var testDescription: String { "\(variant.rawValue) breaks \(property.rawValue) (\(note))" }

    static let all: [MutantCase] = [
        MutantCase(variant: .staleAc, property: .acCurrent, configuration: Configs.small, note: "small, migration"),
        MutantCase(
            variant: .staleAc, property: .acCurrent, configuration: Configs.tunedOneCpu, note: "one cpu, tuning"),
        MutantCase(variant: .retryIgnoresIrq, property: .noBug, configuration: Configs.small, note: "small"),
        MutantCase(
            variant: .sharedCountsFree, property: .freeObjectsExact, configuration: Configs.small, note: "small"),
        MutantCase(variant: .noFreeDecrement, property: .freeObjectsExact, configuration: Configs.small, note: "small"),
        MutantCase(variant: .slabStaysPartial, property: .listPlacement, configuration: Configs.small, note: "small"),
        MutantCase(variant: .sharedWrongEnd, property: .conservation, configuration: Configs.small, note: "small"),
        MutantCase(
            variant: .overrunSlab, property: .inuseBounds, configuration: Configs.oneObjectSlabs,
            note: "num=1 batchcount=2"),
        MutantCase(variant: .growUncounted, property: .freeObjectsExact, configuration: Configs.small, note: "small"),
        MutantCase(variant: .growFailIrqsOn, property: .irqsOff, configuration: Configs.small, note: "small"),
        MutantCase(variant: .growFailIrqsOn, property: .conservation, configuration: Configs.small, note: "small"),
    ]
}

@Suite("Mutant counterexamples replayed on the real allocator")
struct MutantReplayTests {
    @Test(
        "the explicit engine's counterexample reproduces on the real allocator with the same mutant, same step and property",
        arguments: MutantCase.all)
    func counterexampleReproduces(_ m: MutantCase) throws {
        let trace = try throughITF(try counterexample(m.variant, m.property, m.configuration))
        let report = try Replayer.replay(trace)
        print(
            "\(m.testDescription): \(trace.steps.count) steps: \(report.outcome); first difference: \(report.firstDifference?.description ?? "none")"
        )
        #expect(report.recordedStep == trace.steps.count)
        #expect(
            report.outcome == .reproduced(property: m.property.rawValue, step: trace.steps.count),
            "\(report.outcome); first difference: \(report.firstDifference?.description ?? "none")")
        #expect(report.meetsRecord)
        // Up to the violating step the real allocator went exactly where the model did.
        #expect(report.firstDifference == nil, "\(report.firstDifference?.description ?? "")")
    }

    @Test(
        "the same counterexample on the seed's real allocator does not reproduce (the mutant is what breaks it)",
        arguments: MutantCase.all)
    func seedDoesNotReproduce(_ m: MutantCase) throws {
        var trace = try counterexample(m.variant, m.property, m.configuration)
        // The seed model must accept the same actions for the comparison to mean anything; where it
        // does not, the trace is refused as impossible.
        trace.origin.variant = .seed
        let model = SlabModel(configuration: m.configuration, variant: .seed)
        guard case .success(let seedTrace) = SlabTrace.run(trace.steps.map(\.action), on: model, origin: trace.origin)
        else {
            #expect(throws: ReplayError.self) { try Replayer.replay(trace) }
            return
        }
        var asSeed = seedTrace
        asSeed.origin.property = nil
        let report = try Replayer.replay(asSeed)
        #expect(report.outcome == .matched(steps: trace.steps.count), "\(report.outcome)")
        #expect(!seedTrace.steps.contains { $0.violated.contains(m.property.rawValue) })
    }
}
