import SlabChecker
import SlabModel
import SlabProperty
import SlabTesting
import Testing

@Suite struct HelperTests {
    @Test func aFailingExpectHoldsIsReportedAtTheCallersLine() throws {
        let line = #line + 2
        try withKnownIssue {
            try expectHolds(partialIsPartial, on: .tiny, variant: .slabStaysPartial)
        } matching: { issue in
            issue.sourceLocation?.line == line && "\(issue)".contains("Counterexample for partial-is-partial")
        }
    }

    @Test func aFailingExpectViolatesIsReportedAtTheCallersLine() throws {
        let line = #line + 2
        try withKnownIssue {
            try expectViolates(partialIsPartial, on: .tiny, variant: .seed)
        } matching: { issue in
            issue.sourceLocation?.line == line
        }
    }

    @Test(arguments: [PropertyEngine.explicit, .bmc(depth: 3)])
    func everyEngineFindsTheSameShortestCounterexample(engine: PropertyEngine) throws {
        let result = try expectViolates(partialIsPartial, on: .tiny, variant: .slabStaysPartial, engine: engine)
        let explicit = try expectViolates(partialIsPartial, on: .tiny, variant: .slabStaysPartial)
        #expect(result.verdict == explicit.verdict)
        #expect(result.trace?.steps.last?.violated.contains("partial-is-partial") == true)
    }

    @Test func bmcSeesNothingWithinItsDepthOnTheSeed() throws {
        try expectHolds(partialIsPartial, on: .tiny, engine: .bmc(depth: 2))
        try expectHolds(sharedRefillKeepsFreeCount, on: .tiny, engine: .bmc(depth: 2))
    }

    @Test func explicitOnlyPropertiesAreJudgedExplicitlyAndRefusedSymbolically() throws {
        let fewSlabs = Property.explicitOnly("few-slabs") { $0.slabs.count <= 1 }
        try expectViolates(fewSlabs, on: .tiny, variant: .seed)
        #expect(throws: PropertyError.self) { try expectHolds(fewSlabs, on: .tiny, engine: .bmc(depth: 2)) }
        do {
            try expectHolds(fewSlabs, on: .tiny, engine: .induction(depth: 2))
        } catch let error as PropertyError {
            #expect(error.description.contains("few-slabs` is explicit-only"))
        }
    }

    @Test func aPropertyWithAnUnboundNameOrAStepFactInAStateIsRefused() throws {
        let unbound = Property("unbound", kind: .state(.comparison(.equal, .variable("x"), 0)))
        let stepInState = Property("step-in-state") { old(freeObjects) == freeObjects }
        for p in [unbound, stepInState] {
            #expect(throws: PropertyError.self) { try expectHolds(p, on: .tiny) }
        }
    }

    /// A spec's configuration is checked by the parser; one built in Swift is checked here, before
    /// a division by `num` or a loop over no pages can trap.
    @Test(arguments: [PropertyEngine.explicit, .bmc(depth: 2)])
    func aConfigurationTheKernelWouldRefuseIsRefusedWithItsProblems(engine: PropertyEngine) throws {
        var bad = Configuration.tiny
        bad.num = 0
        bad.pages = 0
        do {
            try expectHolds(sharedRefillKeepsFreeCount, on: bad, engine: engine)
            Issue.record("a configuration with num 0 and pages 0 was judged")
        } catch let error as PropertyError {
            #expect(error.description.contains("num must be at least 1, got 0"))
            #expect(error.description.contains("pages must be at least 1, got 0"))
        }
        #expect(throws: PropertyError.self) { try expectRandomRunsPass(on: bad, runs: 1, steps: 2) }
    }
}
