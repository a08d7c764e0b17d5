import Foundation
import SlabChecker
import SlabReport
import SlabSpec
import TestSupport
import Testing

/// A property's arithmetic means the same on every engine: 64-bit wrapping, and a division by
/// zero that a state brings about violates the property in that state, never a crash or a solver
/// error.
@Suite struct PropertyArithmeticVerdictTests {
    func tiny(_ property: String) throws -> Spec {
        let text = try String(contentsOfFile: spec("tiny"), encoding: .utf8)
            .replacingOccurrences(of: "check: all", with: "check: p")
            .replacingOccurrences(of: "expect: holds", with: "expect: holds\nproperty: p = \(property)")
        return try Spec.parse(text, path: "tiny-arithmetic.spec")
    }

    func verdicts(_ property: String) throws -> (explicit: Verdict?, bmc: Verdict?) {
        let loaded = try tiny(property)
        let explicit = try ExplicitRun.check(CheckRequest(spec: loaded)).properties.first { $0.property == "p" }?
            .verdict
        let bmc = try Checking.check(CheckRequest(spec: loaded), engine: .bmc, depth: 6, timeout: 120)
            .result.properties.first { $0.property == "p" }?.verdict
        return (explicit, bmc)
    }

    @Test func aDivisionByZeroInAStateIsTheSameViolationOnBothEngines() throws {
        let (explicit, bmc) = try verdicts("freeObjects / (freeObjects - 1) >= 0")
        guard case .violated(let depth)? = explicit else {
            Issue.record("explicit: \(String(describing: explicit))")
            return
        }
        #expect(bmc == .violated(depth: depth))
    }

    @Test func aViolationByDivisionByZeroSaysSo() throws {
        let loaded = try tiny("freeObjects / (freeObjects - 1) >= 0")
        let result = try ExplicitRun.check(CheckRequest(spec: loaded))
        let p = try #require(result.properties.first { $0.property == "p" })
        #expect(p.dividesByZero)
        #expect(
            ReportText.render(result).contains(
                "violated in \(p.trace?.steps.count ?? -1) steps (it divides by zero in the last state)"))
        let ordinary = try ExplicitRun.check(CheckRequest(spec: try tiny("freeObjects < 1"))).properties.first {
            $0.property == "p"
        }
        #expect(ordinary?.dividesByZero == false)
    }

    /// BMC confirmed a counterexample by the violations of its last step, which a run of no steps
    /// lacks: a property broken in the initial state was "an internal error".
    @Test func aPropertyBrokenInTheInitialStateIsViolatedInZeroStepsOnBothEngines() throws {
        let (explicit, bmc) = try verdicts("freeObjects == 1")
        #expect(explicit == .violated(depth: 0))
        #expect(bmc == .violated(depth: 0))
    }

    @Test func aDivisionGuardedByImpliesIsNotEvaluatedWhereTheGuardIsFalse() throws {
        let (explicit, bmc) = try verdicts("freeObjects != 1 implies freeObjects / (freeObjects - 1) >= 0")
        #expect(explicit == .holds)
        if case .violated? = bmc { Issue.record("bmc: \(String(describing: bmc))") }
    }

    @Test func overflowWrapsAt64BitsTheSameOnBothEngines() throws {
        let (explicit, bmc) = try verdicts("freeObjects * 4611686018427387904 >= 0")
        guard case .violated(let depth)? = explicit else {
            Issue.record("explicit: \(String(describing: explicit))")
            return
        }
        #expect(bmc == .violated(depth: depth))
    }

    @Test func constantOverflowNeitherCrashesNorDisagrees() throws {
        let folded = try verdicts("2147483647 * 2147483647 * 2147483647 > 0")
        #expect(folded.explicit == .holds)
        if case .violated? = folded.bmc { Issue.record("bmc: \(String(describing: folded.bmc))") }
        let symbolic = try verdicts("(freeObjects + 1) * 2147483647 * 2147483647 * 2147483647 > 0")
        if case .violated(let depth)? = symbolic.explicit {
            #expect(symbolic.bmc == .violated(depth: depth))
        } else {
            if case .violated? = symbolic.bmc { Issue.record("bmc: \(String(describing: symbolic.bmc))") }
        }
    }
}
