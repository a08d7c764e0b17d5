import Foundation
import SlabChecker
import SlabModel
import SlabReport
import SlabSpec
import TestSupport
import Testing

/// Every spec in Specs/ that the test suite can afford (not medium and large: those are
/// benchmarks) meets its expectation, and each mutant's spec breaks its property in a
/// counterexample that the model replays.
@Suite struct ShippedSpecTests {
    static let affordable = ["tiny", "small", "tuning"] + Variant.allCases.filter { $0 != .seed }.map(\.rawValue)

    @Test(arguments: affordable)
    func theShippedSpecMeetsItsExpectation(name: String) throws {
        let loaded = try Spec.load(path: spec(name))
        let result = try ExplicitRun.check(CheckRequest(spec: loaded))
        #expect(result.meetsExpectation, "\(ReportText.render(result))")
        if case .violates(let property) = loaded.expectation {
            let trace = try #require(result.properties.first { $0.property == property.rawValue }?.trace)
            #expect(trace.steps.last?.violated.contains(property.rawValue) == true)
            #expect(trace.steps.dropLast().allSatisfy { !$0.violated.contains(property.rawValue) })
        }
    }

    @Test func everyMutantHasAShippedSpecNamedForIt() throws {
        for variant in Variant.allCases where variant != .seed {
            let loaded = try Spec.load(path: spec(variant.rawValue))
            #expect(loaded.variant == variant)
        }
    }
}
