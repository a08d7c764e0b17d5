import Foundation
import SlabModel
import SlabSpec
import Testing

/// One test per kind of malformed input: each pins the exact line:column and a key phrase.
@Suite struct SyntaxErrorTests {
    // MARK: Keys

    @Test(arguments: [
        ("batchcont: 1", "did you mean `batchcount`?"),
        ("BatchCount: 1", "did you mean `batchcount`?"),
        ("sharedlimit: 0", "did you mean `sharedLimit`?"),
        ("batch count: 1", "did you mean `batchcount`?"),
        ("zzzzzz: 1", "expected one of `name`, `cpus`"),
    ])
    func unknownKeySuggestsTheClosestKnownKey(line: String, phrase: String) {
        let found = errors(specText(adding: ["  " + line]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 3), containing: "unknown key"))
        #expect(hasError(found, at: at(12, 3), containing: phrase))
    }

    @Test func missingColonPointsWhereTheColonBelongs() {
        let found = errors(specText(adding: ["tasks 2"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 6), containing: "missing `:` after key `tasks`"))
    }

    @Test func keyWithoutColonIsNotAlsoReportedMissing() {
        let found = errors(specText(["cpus": "2"]).replacingOccurrences(of: "cpus: 2", with: "cpus 2"))
        #expect(found.map(\.location) == [at(1, 5)])
    }

    @Test func colonWithoutKeyIsReported() {
        let found = errors(specText(adding: ["   : 3"]))
        #expect(hasError(found, at: at(12, 4), containing: "missing key before `:`"))
    }

    @Test func duplicateKeyPointsAtTheSecondAndNamesTheFirst() {
        let found = errors(specText(adding: ["limit: 4"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 1), containing: "duplicate key `limit`; it was already set on line 3"))
    }

    @Test func missingRequiredKeyIsReportedAtEndOfFile() {
        // Eleven base lines minus `pages`: ten lines and a final newline, so the end is 11:1.
        let found = errors(specText(without: ["pages"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(11, 1), containing: "missing required key `pages`"))
    }

    @Test func everyMissingRequiredKeyIsReportedInOrder() {
        let found = errors("name: x")
        #expect(found.map(\.location) == Array(repeating: at(1, 8), count: 8))
        #expect(found.first?.message == "missing required key `cpus`")
        #expect(found.last?.message == "missing required key `pages`")
    }

    // MARK: Integers

    @Test(arguments: ["two", "0x10", "1e3", "+1", "1.0", "--1"])
    func nonIntegerIsReportedAtTheValue(value: String) {
        let found = errors(specText(["cpus": value]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(1, 7), containing: "expected an integer for `cpus`"))
    }

    @Test(arguments: ["99999999999999999999", "-99999999999999999999", "4294967296", "2147483648"])
    func integerOutOfRangeIsReportedNotTrapped(value: String) {
        let found = errors(specText(["pages": value]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(8, 8), containing: "out of range for `pages`"))
    }

    @Test func extraWordAfterAnIntegerIsReportedAtTheExtraWord() {
        let found = errors(specText(["num": "2 3"]))
        #expect(hasError(found, at: at(2, 8), containing: "unexpected `3` after `2`"))
    }

    @Test func emptyValueIsReportedJustAfterTheColon() {
        let found = errors(specText(["num": ""]))
        #expect(hasError(found, at: at(2, 5), containing: "expected an integer after `num:`"))
    }

    @Test func commentIsNotPartOfTheValue() {
        let found = errors(specText(["cpus": "x # 2"]))
        #expect(hasError(found, at: at(1, 7), containing: "found `x`"))
    }

    @Test(arguments: [
        ("depth=-1", 14, "`depth` must not be negative"), ("states=-5", 15, "`states` must not be negative"),
        ("seconds=-1.5", 16, "`seconds` must not be negative"), ("memory=-8GB", 15, "`memory` must not be negative"),
    ])
    func negativeBoundIsRefused(item: String, column: Int, phrase: String) {
        let found = errors(specText(adding: ["bound: \(item)"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, column), containing: phrase))
    }

    // MARK: Variant, properties, events

    @Test func unknownVariantSuggestsAndListsTheValidOnes() {
        let found = errors(specText(["variant": "stale_ac"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(9, 10), containing: "unknown variant `stale_ac`; did you mean `stale-ac`?"))
        for variant in Variant.allCases {
            #expect(found.first?.message.contains("`\(variant.rawValue)`") == true)
        }
    }

    @Test func unknownPropertySuggestsTheNearest() {
        let found = errors(specText(["check": "no-bug, conservaton"]))
        #expect(found.count == 1)
        #expect(
            hasError(found, at: at(10, 16), containing: "unknown property `conservaton`; did you mean `conservation`?"))
    }

    @Test func propertyListedTwiceIsReported() {
        let found = errors(specText(["check": "no-bug no-bug"]))
        #expect(hasError(found, at: at(10, 15), containing: "listed twice"))
    }

    @Test func allCombinedWithNamesIsReported() {
        let found = errors(specText(["check": "no-bug all"]))
        #expect(hasError(found, at: at(10, 15), containing: "`all` cannot be combined"))
    }

    @Test func unknownEventSuggestsTheNearest() {
        let found = errors(specText(adding: ["events: reap interupts"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 14), containing: "unknown event `interupts`; did you mean `interrupts`?"))
    }

    @Test func noneCombinedWithEventsIsReported() {
        let found = errors(specText(adding: ["events: none reap"]))
        #expect(hasError(found, at: at(12, 9), containing: "`none` cannot be combined"))
    }

    // MARK: tune

    @Test func tuneItemWithoutEqualsIsMalformed() {
        let found = errors(specText(adding: ["events: tuning", "tune: limit 4 batchcount=2 sharedFactor=1"]))
        #expect(hasError(found, at: at(13, 7), containing: "expected `name=value` in `tune:`, found `limit`"))
    }

    @Test func tuneMissingAnItemPointsAtTheEndOfTheLine() {
        let found = errors(specText(adding: ["events: tuning", "tune: limit=4 batchcount=2   # no factor"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(13, 27), containing: "`tune:` is missing `sharedFactor=`"))
    }

    @Test func tuneUnknownItemSuggestsTheNearest() {
        let found = errors(specText(adding: ["events: tuning", "tune: limit=4 batchcount=2 shared=1"]))
        #expect(hasError(found, at: at(13, 28), containing: "unknown `tune:` item `shared`"))
    }

    @Test func tuneNonIntegerPointsAtTheValue() {
        let found = errors(specText(adding: ["events: tuning", "tune: limit=four batchcount=2 sharedFactor=1"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(13, 13), containing: "expected an integer for `limit` in `tune:`"))
    }

    @Test func tuneItemGivenTwiceIsReported() {
        let found = errors(specText(adding: ["events: tuning", "tune: limit=4 limit=5 batchcount=2 sharedFactor=1"]))
        #expect(hasError(found, at: at(13, 15), containing: "`limit` is given twice"))
    }

    @Test func tuneWithoutTuningEventIsReportedAtEachTuneLine() {
        let found = errors(
            specText(adding: [
                "events: reap", "tune: limit=4 batchcount=2 sharedFactor=1",
                "tune: limit=4 batchcount=1 sharedFactor=1",
            ]))
        #expect(found.count == 2)
        #expect(hasError(found, at: at(13, 1), containing: "`tune:` needs `tuning` in `events:`"))
        #expect(hasError(found, at: at(14, 1), containing: "`tune:` needs `tuning` in `events:`"))
    }

    @Test func tuningEventWithoutTuneLineIsReportedAtTheEvent() {
        let found = errors(specText(adding: ["events: reap tuning"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 14), containing: "event `tuning` needs at least one `tune:"))
    }

    // MARK: bound

    @Test(arguments: [
        ("bound: depth", 8, "expected `name=value` in `bound:`, found `depth`"),
        ("bound: time=5", 8, "unknown `bound:` item `time`"),
        ("bound: deph=5", 8, "did you mean `depth`?"),
        ("bound: memory=8gb", 15, "expected a byte count"),
        ("bound: memory=99999999999GB", 15, "out of range for `memory`"),
        ("bound: memory=99999999999999999999", 15, "out of range for `memory`"),
        ("bound: seconds=abc", 16, "expected a number of seconds"),
        ("bound: seconds=1e999", 16, "expected a number of seconds"),
        ("bound: seconds=0", 16, "`seconds` must be positive"),
        ("bound: states=0", 15, "`states` must be at least 1"),
        ("bound: depth=1 depth=2", 16, "`depth` is given twice"),
        ("bound:", 7, "expected at least one of `depth=`"),
    ])
    func malformedBoundIsReportedAtTheOffendingItem(line: String, column: Int, phrase: String) {
        let found = errors(specText(adding: [line]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, column), containing: phrase))
    }

    // MARK: expect

    @Test(arguments: [
        ("maybe", 9, "expected `holds` or `violates <property>`, found `maybe`"),
        ("hold", 9, "did you mean `holds`?"),
        ("", 8, "expected `holds` or `violates <property>` after `expect:`"),
        ("violates", 17, "expected a property name after `violates`"),
        ("holds now", 15, "unexpected `now` after `holds`"),
        ("violates no-bug conservation", 25, "`violates` names one property"),
        ("violates no-bugs", 18, "did you mean `no-bug`?"),
    ])
    func malformedExpectIsReportedAtTheOffendingWord(value: String, column: Int, phrase: String) {
        let found = errors(specText(["expect": value]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(11, column), containing: phrase))
    }

    @Test func expectingAnUncheckedPropertyPointsAtTheProperty() {
        let found = errors(specText(["check": "no-bug", "expect": "violates conservation"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(11, 18), containing: "names a property that `check:` does not check"))
    }

    @Test func misspelledCheckIsNotAlsoBlamedOnExpect() {
        let found = errors(specText(["check": "no-bug conservaton", "expect": "violates conservation"]))
        #expect(found.map(\.location) == [at(10, 15)])
    }

    // MARK: Collection

    @Test func everyErrorInTheFileIsReportedInFileOrder() {
        let text = """
            cpus: two
            num: 2
            limt: 2
            batchcount: 1
            sharedLimit: 0
            batchRefillLimit: 16
            freeLimit: 3
            pages: 2
            variant: sead
            check: all
            expect: holds
            """
        let found = errors(text, path: "specs/bad.spec")
        #expect(found.map(\.location) == [at(1, 7), at(3, 1), at(9, 10), at(11, 14)])
        #expect(found.last?.message == "missing required key `limit`")
        #expect(found.first?.description == "specs/bad.spec:1:7: error: expected an integer for `cpus`, found `two`")
    }
}
