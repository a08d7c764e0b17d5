import SlabModel
import SlabProperty
import SlabSpec
import Testing

@Suite struct PropertyLineTests {
    @Test func aPropertyLineIsCheckedAfterTheBuiltInsWithCheckAll() throws {
        let spec = try Spec.parse(
            specText(adding: ["property: conserved-free = freeObjects == sum s in slabs where s.live: num - s.inuse"]),
            path: "t.spec")
        #expect(spec.properties == BuiltInProperty.allCases)
        #expect(spec.userProperties.map(\.name) == ["conserved-free"])
        #expect(spec.userProperties.first?.location == SourceLocation(line: 12, column: 11))
        guard case .state = try #require(spec.userProperties.first).property.kind else {
            Issue.record("a property without old() or step is a state property")
            return
        }
    }

    /// The parser and the evaluator recurse through the tree, so an absurdly long expression is
    /// refused where it passes the limit rather than overflowing the stack.
    @Test func anExpressionTooLongToJudgeIsAnErrorNotACrash() throws {
        let deep = String(repeating: "(", count: 100_000) + "freeObjects >= 0" + String(repeating: ")", count: 100_000)
        do {
            _ = try Spec.parse(specText(adding: ["property: p = " + deep]), path: "t.spec")
            Issue.record("a 200,000-token expression was accepted")
        } catch {
            let message = try #require(error.errors.first).description
            #expect(message.contains("t.spec:12:1015:") && message.contains("at most 1000"), "\(message)")
        }
        let chain = Array(repeating: "freeObjects >= 0", count: 249).joined(separator: " and ")
        let spec = try Spec.parse(specText(adding: ["property: p = " + chain]), path: "t.spec")
        #expect(spec.userProperties.count == 1)
    }

    @Test func aPropertyThatReadsTheStepIsAStepProperty() throws {
        let spec = try Spec.parse(
            specText(
                ["check": "no-bug grows", "expect": "violates grows"],
                adding: ["property: grows = step is alloc implies freeObjects <= old(freeObjects)"]),
            path: "t.spec")
        #expect(spec.properties == [.noBug])
        #expect(spec.expectation == .violatesProperty("grows"))
        #expect(try #require(spec.userProperties.first).property.isStepProperty)
    }

    @Test func theSpecSyntaxAndTheSwiftBuildersMakeTheSameProperty() throws {
        let spec = try Spec.parse(
            specText(adding: [
                "property: p = forall s in slabs: s in slabsPartial implies s.inuse > 0 and s.inuse < num"
            ]),
            path: "t.spec")
        let parsed = try #require(spec.userProperties.first).formula
        let built: Formula = .forAll(
            Binding("s", in: .slabs),
            .implies(
                .onList(.variable("s"), .partial),
                .and(
                    .comparison(.greater, .slab(.variable("s"), .inuse), 0),
                    .comparison(.less, .slab(.variable("s"), .inuse), .constant(.num)))))
        #expect(parsed == built)
    }

    @Test(arguments: [
        ("property: a = freeObject == 0", 12, 15, "unknown name `freeObject`; did you mean `freeObjects`?"),
        ("property: a = forall s in slab: s.inuse >= 0", 12, 27, "unknown domain `slab`; did you mean `slabs`?"),
        (
            "property: a = forall s in slabs: s.inus >= 0", 12, 36,
            "unknown field `inus` of slab `s`; did you mean `inuse`?"
        ),
        ("property: a = (freeObjects + 1", 12, 31, "expected `)` to close `(`, found the end of the line"),
        ("property: a = freeObjects + 1 == (1 < 2)", 12, 34, "expected a number here, found a condition"),
        ("property: a = held[o] == 0", 12, 20, "unknown name `o`"),
        ("property: conservation = true", 12, 11, "is a built-in property"),
        ("property: a == 1", 12, 10, "expected `property: <name> = <condition>`"),
        ("property: a = freeObjects $ 1", 12, 27, "unexpected character `$`"),
    ])
    func aBadPropertyIsReportedWhereItIsWrong(line: String, row: Int, column: Int, message: String) {
        let found = errors(specText(adding: [line]))
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(line: row, column: column))
        #expect(found.first?.message.contains(message) == true, "\(found)")
    }

    @Test func anUnknownNameInCheckSuggestsTheSpecsOwnProperties() {
        let found = errors(
            specText(["check": "conserved-fre"], adding: ["property: conserved-free = freeObjects >= 0"]))
        #expect(
            found.map(\.description) == [
                "test.spec:10:8: error: unknown property `conserved-fre`; did you mean `conserved-free`?"
            ])
    }

    @Test func expectingAPropertyTheSpecDoesNotCheckIsAnError() {
        let found = errors(
            specText(["check": "no-bug", "expect": "violates mine"], adding: ["property: mine = freeObjects >= 0"]))
        #expect(found.count == 1 && found.first?.location == SourceLocation(line: 11, column: 18))
    }
}
