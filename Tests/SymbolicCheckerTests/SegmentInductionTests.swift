import ExplicitChecker
import ModelKit
import SlabModel
import TestSupport
import Testing
import Z3Kit

@testable import SymbolicChecker

/// Induction's step case segment by segment proves the refill keeps the state properties, with
/// the invariants stated at its loop heads, and the same queries fail for the mutants whose bug
/// is on the refill's path.
@Suite struct SegmentInductionTests {
    static let refill: [SlabAction] = [
        .alloc(task: 0), .irqAlloc(cpu: 0, growFails: false), .irqAlloc(cpu: 0, growFails: true),
        .growDone(task: 0, ok: true), .growDone(task: 0, ok: false),
    ]

    static func run(_ variant: Variant, _ actions: [SlabAction]) throws -> SegmentInduction.Result {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: variant), context: Context())
        return try SegmentInduction(system: system).run(actions: actions)
    }

    @Test func everySegmentOfTheRefillKeepsItsInvariantOnTiny() throws {
        let result = try Self.run(.seed, Self.refill)
        let open = result.checks.filter { $0.answer != .unsat }
        #expect(
            open.isEmpty, "\(open.count) queries not unsat, first \(open.prefix(2).map { "\($0.part) \($0.answer)" })")
        #expect(result.uncovered.isEmpty)
        #expect(result.proved == Self.refill)
        #expect(result.checks.contains { $0.from != nil }, "segments from the loop heads were asked")
    }

    /// The free path's joins (`free_block`'s objects, `cache_reap` between drains) have their
    /// invariants too: freeing, reaping and tuning keep the state properties.
    @Test func everySegmentOfTheFreePathKeepsItsInvariant() throws {
        let tuned = Configs.tiny.tuned(limit: 2, batchcount: 1, sharedFactor: 1)
        let system = try TransitionSystem(model: SlabModel(configuration: tuned, variant: .seed), context: Context())
        let actions: [SlabAction] = [
            .free(task: 0, object: 1), .irqFree(cpu: 0, object: 2), .reap(cpu: 0, full: true),
            .reap(cpu: 0, full: false), .tune(0),
        ]
        let result = try SegmentInduction(system: system).run(actions: actions)
        let open = result.checks.filter { $0.answer != .unsat }
        #expect(
            open.isEmpty,
            "\(open.count) queries not unsat, first \(open.prefix(2).map { "\($0.action) \($0.part) \($0.answer)" })")
        #expect(result.uncovered.isEmpty)
        #expect(result.proved == actions)
        #expect(
            result.checks.contains { $0.from.map { if case .freeBlock = $0.place { true } else { false } } ?? false })
    }

    /// The soundness cross-check: for every mutant, breadth-first search finds a property broken,
    /// and the segments fail some query of the actions its shortest counterexample takes. (Were
    /// every such action to keep the invariant from the initial state on, the property would hold
    /// at the counterexample's end.) The run stops at its first query not unsat.
    @Test(arguments: Variant.allCases.filter { $0 != .seed })
    func theSegmentsProveNoMutantThatBreadthFirstSearchBreaks(variant: Variant) throws {
        let configuration: Configuration =
            switch variant {
            case .overrunSlab: Configs.overrun
            case .sharedWrongEnd, .sharedCountsFree, .staleAc: Configs.small
            default: Configs.tiny
            }
        let model = SlabModel(configuration: configuration, variant: variant)
        // Bounded: a mutant that breaks a property may have no bound on its states at all.
        let options = ExplicitOptions(properties: .all(count: BuiltInProperty.allCases.count), maxDepth: 10)
        let found = try ExplicitChecker(model: model, options: options).run().counterexamples
        let shortest = try #require(found.values.min { $0.steps.count < $1.steps.count }, "\(variant) breaks nothing")
        var actions: [SlabAction] = []
        for step in shortest.steps where !actions.contains(step.action) { actions.append(step.action) }
        let system = try TransitionSystem(model: model, context: Context())
        let result = try SegmentInduction(system: system).run(actions: actions, firstFailureEnds: true)
        #expect(!result.isProof, "\(variant): the segments prove \(actions), which break it")
        #expect(result.initialBreaks.isEmpty, "the initial state satisfies the invariant")
    }

    /// A deadline ends the run with what it has: no proof, no error.
    @Test func aRunPastItsDeadlineEndsEarlyAndProvesNothing() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.small, variant: .seed), context: Context())
        let result = try SegmentInduction(system: system).run(deadline: Deadline(seconds: 0.5))
        #expect(result.endedEarly)
        #expect(!result.isProof)
        #expect(result.actionSeconds.count < system.actions.count)
    }

    @Test(arguments: [
        (Variant.noFreeDecrement, BuiltInProperty.freeObjectsExact.rawValue),
        (.slabStaysPartial, BuiltInProperty.listPlacement.rawValue),
    ])
    func aMutantOnTheRefillsPathFailsTheQueryOfItsProperty(variant: Variant, part: String) throws {
        let result = try Self.run(variant, [.alloc(task: 0)])
        let failed = result.checks.filter { $0.answer == .sat && $0.part == part }
        #expect(!failed.isEmpty, "\(variant): no segment fails \(part)")
        #expect(failed.allSatisfy { $0.start != nil }, "each failure names the state it starts from")
        #expect(result.proved.isEmpty)
    }
}
