import ModelKit
import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

/// What Z3 cannot answer ends in a verdict that says so, never in a crash or a claim.
@Suite struct SolverVerdictTests {
    static func system() throws -> TransitionSystem {
        try TransitionSystem(model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
    }

    @Test func aTimeLimitEndsBoundedAtTheDepthReached() throws {
        let bmc = BoundedModelChecker(system: try Self.system())
        let result = try bmc.run(properties: [.conservation, .noBug], depth: 50, deadline: Deadline(seconds: 0.5))
        for p in [BuiltInProperty.conservation, .noBug] {
            guard case .bounded(let depth, let bound) = result.verdicts[p] else {
                Issue.record("\(p.rawValue): \(String(describing: result.verdicts[p]))")
                continue
            }
            #expect(depth < 50)
            #expect(Self.isTimeLimit(bound), "\(bound)")
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

    /// Every property in `verdicts` is `unknown`, for a reason that names all of `words`.
    static func expectUnknown(_ verdicts: [BuiltInProperty: SymbolicVerdict], naming words: [String]) {
        #expect(!verdicts.isEmpty)
        for (p, verdict) in verdicts {
            guard case .unknown(let reason) = verdict else {
                Issue.record("\(p.rawValue): \(verdict)")
                continue
            }
            for word in words { #expect(reason.contains(word), "\(p.rawValue): \(reason)") }
        }
    }

    @Test func anErrorFromTheCAPIEndsUnknownWithItsMessage() throws {
        let bmc = BoundedModelChecker(system: try Self.system(), flavor: .tactics(["no-such-tactic"]))
        let result = try bmc.run(properties: [.conservation, .availBounds], depth: 3)
        Self.expectUnknown(result.verdicts, naming: ["Z3 error", "no-such-tactic"])
    }

    /// Tiny with `free_objects` exact only in ±2, where a grow (num = 2) soon takes it.
    static func narrowBandSystem() throws -> TransitionSystem {
        let model = SlabModel(configuration: Configs.tiny, variant: .seed)
        let natural = EncodingWidth(layout: model.layout, codec: model.codec)
        return try TransitionSystem(
            model: model, context: Context(), pathLimit: 200_000, width: EncodingWidth(bits: natural.bits, band: 2))
    }

    /// The first depth at which some reachable state of tiny has |free_objects| ≥ 2, by BFS.
    static func firstDepthOutsideBand() -> Int? {
        let model = SlabModel(configuration: Configs.tiny, variant: .seed)
        var level: Set<SlabState<Int>> = [SlabState.initial(model.layout)]
        for depth in 0...10 {
            if level.contains(where: { abs($0[model.layout.freeObjects]) >= 2 }) { return depth }
            level = Set(level.flatMap { s in model.possibleActions.compactMap { model.step($0, from: s)?.state } })
        }
        return nil
    }

    @Test func bmcStopsUnknownAtTheFirstDepthFreeObjectsLeavesTheBand() throws {
        let out = try #require(Self.firstDepthOutsideBand())
        let result = try BoundedModelChecker(system: try Self.narrowBandSystem()).run(
            properties: [.conservation, .noBug], depth: 8)
        Self.expectUnknown(result.verdicts, naming: ["free_objects may leave ±2 at depth \(out),"])
        #expect(result.depthReached == out - 1)
    }

    @Test func inductionClaimsNothingWhenTheBaseCaseLeavesTheBand() throws {
        let out = try #require(Self.firstDepthOutsideBand())
        let result = try Induction(system: try Self.narrowBandSystem()).run(properties: [.conservation], maxK: out + 1)
        Self.expectUnknown(result.verdicts, naming: ["free_objects leaves ±2 within \(out) steps"])
    }

    /// The limit may strike while the relation is built or while Z3 checks: either way, bounded.
    @Test func inductionsTimeLimitEndsBounded() throws {
        let result = try Induction(system: try Self.system()).run(
            properties: [.conservation], maxK: 40, deadline: Deadline(seconds: 0.5))
        guard case .bounded(_, let bound) = result.verdicts[.conservation] else {
            Issue.record("\(String(describing: result.verdicts[.conservation]))")
            return
        }
        #expect(Self.isTimeLimit(bound), "\(bound)")
    }

    /// The time limit, met in Z3 or while the relation was being built.
    static func isTimeLimit(_ bound: Bound) -> Bool {
        switch bound {
        case .timeLimit: true
        case .relation(let why): why.contains("time limit")
        default: false
        }
    }

    /// A solver made of the `skip` tactic decides nothing: Z3 answers `unknown` ("incomplete").
    @Test func zThreeUnknownEndsInductionUnknown() throws {
        let induction = Induction(system: try Self.system(), flavor: .tactics(["skip"]))
        let result = try induction.run(properties: [.conservation], maxK: 2)
        Self.expectUnknown(result.verdicts, naming: ["Z3", "base case"])
    }

    @Test func anErrorFromTheCAPIEndsInductionUnknown() throws {
        let induction = Induction(system: try Self.system(), flavor: .tactics(["no-such-tactic"]))
        let result = try induction.run(properties: [.conservation, .availBounds], maxK: 2)
        Self.expectUnknown(result.verdicts, naming: ["Z3 error", "no-such-tactic"])
    }
}
