import SlabModel
import SymbolicChecker
import Testing
import Z3Kit

/// What Z3 cannot answer ends in a verdict that says so, never in a crash or a claim.
@Suite struct SolverVerdictTests {
    static func system() throws -> TransitionSystem {
        try TransitionSystem(model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
    }

    @Test func aTimeLimitEndsBoundedAtTheDepthReached() throws {
        let bmc = BoundedModelChecker(system: try Self.system())
        let result = try bmc.run(properties: [.conservation, .noBug], depth: 50, deadline: Deadline(seconds: 0.5))
        for p in [BuiltInProperty.conservation, .noBug] {
            guard case .bounded(let depth, let reason) = result.verdicts[p] else {
                Issue.record("\(p.rawValue): \(String(describing: result.verdicts[p]))")
                continue
            }
            #expect(depth < 50)
            #expect(reason.contains("time") || reason.contains("timeout") || reason.contains("canceled"))
        }
    }

    @Test func zThreeUnknownEndsUnknownWithZThreesReason() throws {
        let bmc = BoundedModelChecker(system: try Self.system(), flavor: .general)
        bmc.solverParameters = [("rlimit", 1)]
        let result = try bmc.run(properties: [.conservation], depth: 3)
        guard case .unknown(let reason) = result.verdicts[.conservation] else {
            Issue.record("\(String(describing: result.verdicts[.conservation]))")
            return
        }
        #expect(reason.contains("Z3"))
    }

    @Test func anErrorFromTheCAPIEndsUnknownWithItsMessage() throws {
        let bmc = BoundedModelChecker(system: try Self.system(), flavor: .tactics(["no-such-tactic"]))
        let result = try bmc.run(properties: [.conservation, .availBounds], depth: 3)
        for p in [BuiltInProperty.conservation, .availBounds] {
            guard case .unknown(let reason) = result.verdicts[p] else {
                Issue.record("\(p.rawValue): \(String(describing: result.verdicts[p]))")
                continue
            }
            #expect(reason.contains("Z3 error"))
            #expect(reason.contains("no-such-tactic"))
        }
    }
}
