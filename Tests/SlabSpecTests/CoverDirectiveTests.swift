import SlabModel
import SlabSpec
import Testing

@Suite struct CoverDirectiveTests {
    @Test func coverListsTheRequiredBranchesWithWhereEachWasWritten() throws {
        let spec = try Spec.parse(specText(adding: ["cover: shared-hit, retry-after-grow tune"]), path: "t.spec")
        #expect(spec.cover == [.sharedHit, .retryAfterGrow, .tune])
        #expect(spec.coverLocations == [at(12, 8), at(12, 20), at(12, 37)])
    }

    @Test func coverAllRequiresEveryBranch() throws {
        let spec = try Spec.parse(specText(adding: ["cover: all"]), path: "t.spec")
        #expect(spec.cover == Branch.allCases)
    }

    @Test func aSpecWithoutCoverRequiresNothing() throws {
        #expect(try Spec.parse(specText(), path: "t.spec").cover.isEmpty)
    }

    @Test func anUnknownBranchIsReportedWhereItIsWithTheClosestName() {
        let found = errors(specText(adding: ["cover: shared-hit retry-afer-grow"]))
        #expect(found.count == 1)
        #expect(
            hasError(
                found, at: at(12, 19), containing: "unknown branch `retry-afer-grow`; did you mean `retry-after-grow`?")
        )
    }

    @Test func aBranchListedTwiceOrAllWithNamesOrNothingIsAnError() {
        #expect(hasError(errors(specText(adding: ["cover: tune tune"])), at: at(12, 13), containing: "listed twice"))
        #expect(
            hasError(
                errors(specText(adding: ["cover: all tune"])), at: at(12, 8), containing: "`all` cannot be combined"))
        #expect(
            hasError(errors(specText(adding: ["cover:"])), at: at(12, 7), containing: "expected `all` or branch names"))
    }
}
