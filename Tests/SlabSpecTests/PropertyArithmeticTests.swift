import SlabModel
import SlabSpec
import Testing

/// Numbers in a property are 64-bit; what the configuration alone fixes (a divisor, an index) is
/// checked against it before any search, at the token that starts it.
@Suite struct PropertyArithmeticTests {
    func firstError(_ extra: String, _ overrides: [String: String] = [:]) throws -> String {
        try #require(errors(specText(overrides, adding: [extra])).first).description
    }

    @Test func aConstantDivisorOfZeroIsASpecErrorAtTheDivisor() throws {
        let literal = try firstError("property: p = freeObjects / 0 == 0")
        #expect(literal.hasPrefix("test.spec:12:29: error: division by zero"), "\(literal)")
        let computed = try firstError("property: p = freeObjects / (num - num) == 0")
        #expect(computed.hasPrefix("test.spec:12:29: error: division by zero"), "\(computed)")
    }

    @Test func aDivisorThatReadsTheStateIsAccepted() throws {
        #expect(errors(specText(adding: ["property: p = freeObjects / (freeObjects - 1) >= 0"])).isEmpty)
    }

    @Test func aNumberPastThirtyOneBitsIsAcceptedAndOnePast64BitsIsNamedAsTooLarge() throws {
        #expect(errors(specText(adding: ["property: p = freeObjects < 4294967296"])).isEmpty)
        let message = try firstError("property: p = freeObjects < 99999999999999999999")
        #expect(message.hasPrefix("test.spec:12:29: error: the number 99999999999999999999 is too large"), "\(message)")
    }

    @Test(arguments: [
        ("property: p = ac[1].avail == 0", "test.spec:12:18: error: index 1 is out of range: `ac[…]` (cpus: 1)"),
        ("property: p = 0 in ac[1]", "test.spec:12:23: error: index 1 is out of range: `ac[…]`"),
        ("property: p = held[100] == 0", "test.spec:12:20: error: index 100 is out of range: `held[…]`"),
        ("property: p = task[9].status == 0", "test.spec:12:20: error: index 9 is out of range: `task[…]`"),
        ("property: p = ac[-1].avail == 0", "test.spec:12:18: error: index -1 is out of range"),
        (
            "property: p = shared.entries[cpus + 7] == 0",
            "test.spec:12:30: error: index 8 is out of range: `shared.entries[…]`"
        ),
    ])
    func aLiteralIndexOutsideTheConfigurationIsRefusedAtItsToken(line: String, expected: String) throws {
        let message = try firstError(line, ["cpus": "1"])
        #expect(message.hasPrefix(expected), "\(message)")
    }

    @Test func anIndexInsideTheConfigurationOrBoundByAQuantifierIsAccepted() throws {
        let lines = [
            "property: p = ac[0].avail >= 0", "property: q = forall c in cpus: ac[c].avail >= 0",
            "property: r = held[3] <= 1",
        ]
        #expect(errors(specText(["cpus": "1"], adding: lines)).isEmpty)
    }
}
