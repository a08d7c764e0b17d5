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
