import Testing
import Z3Kit

extension Z3KitTests {
    @Suite struct TermTests {
        @Test func concreteValuesAreReadableWithoutASolver() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 64)
            #expect(try z3.bitVector(42, width: 8).uint64Value == 42)
            #expect(try z3.bitVector(42, width: 8).isNumeral)
            #expect(!x.isNumeral)
            #expect(x.uint64Value == nil)
            #expect(try z3.bool(true).boolValue == true)
            #expect(try z3.bool(false).boolValue == false)
            #expect(try z3.boolConstant("p").boolValue == nil)
            #expect(x.boolValue == nil)
            #expect(try z3.bool(true).uint64Value == nil)
        }

        @Test func conjunctsSplitAConjunctionThroughNestingAndDeMorgan() throws {
            let z3 = try Context()
            let (a, b, c, d) = (
                try z3.boolConstant("a"), try z3.boolConstant("b"), try z3.boolConstant("c"), try z3.boolConstant("d")
            )
            #expect(try z3.and([a, z3.and([b, c])]).conjuncts() == [a, b, c])
            #expect(try z3.or([a, b]).not().conjuncts() == [a.not(), b.not()])
            #expect(try a.not().not().conjuncts() == [a])
            #expect(try z3.and([a, z3.or([b, c]).not()]).conjuncts() == [a, b.not(), c.not()])
            // A disjunction, or a conjunction under one, is a single part.
            #expect(try z3.or([a, z3.and([b, d])]).conjuncts() == [z3.or([a, z3.and([b, d])])])
            #expect(try z3.and([a, b]).not().conjuncts().count == 1)
            #expect(try d.conjuncts() == [d])
        }

        @Test func simplifyFoldsConcreteSubtermsAndKeepsSymbolicOnes() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            let p = try z3.boolConstant("p")
            #expect(try (x - x).simplify().uint64Value == 0)
            #expect(try (x + 1).simplify().isNumeral == false)
            #expect(try (p || !p).simplify().boolValue == true)
            #expect(try (p && !p).simplify().boolValue == false)
            #expect(try z3.ite(z3.bool(true), then: x, else: x + 1).simplify() == x)
            #expect(try x.eq(x).simplify().boolValue == true)
        }

        @Test func hashConsingMakesStructurallyEqualTermsEqual() throws {
            let z3 = try Context()
            let a = try z3.bitVectorConstant("a", width: 8) + 1
            let b = try z3.bitVectorConstant("a", width: 8) + 1
            let c = try z3.bitVectorConstant("a", width: 8) + 2
            #expect(a == b)
            #expect(a.hashValue == b.hashValue)
            #expect(a != c)
            #expect(Set([a, b, c]).count == 2)
        }

        @Test func booleanConnectivesHaveTheirLogicalMeaning() throws {
            let z3 = try Context()
            let t = try z3.bool(true)
            let f = try z3.bool(false)
            #expect(try t.implies(f).simplify().boolValue == false)
            #expect(try f.implies(f).simplify().boolValue == true)
            #expect(try t.xor(f).simplify().boolValue == true)
            #expect(try z3.and([]).simplify().boolValue == true)
            #expect(try z3.or([]).simplify().boolValue == false)
            let bytes = try (0..<3).map { try z3.bitVector(UInt64($0), width: 8) }
            #expect(try z3.distinct(bytes).simplify().boolValue == true)
            #expect(try z3.distinct([bytes[0], bytes[0]]).simplify().boolValue == false)
            #expect(try bytes[1].neq(bytes[2]).simplify().boolValue == true)
        }

        @Test func sortsDescribeTheirShape() throws {
            let z3 = try Context()
            #expect(try z3.bitVectorConstant("x", width: 12).sort.kind == .bitVector(width: 12))
            #expect(try z3.boolConstant("p").sort.kind == .bool)
            #expect(try z3.bitVectorSort(width: 12) == z3.bitVectorConstant("y", width: 12).sort)
            let mem = try z3.arraySort(domain: z3.bitVectorSort(width: 64), range: z3.bitVectorSort(width: 8))
            #expect(mem.kind == .array)
            #expect(try z3.constant("mem", sort: mem).sort == mem)
        }

        @Test func arrayStoreThenSelectReadsTheStoredValue() throws {
            let z3 = try Context()
            let index = try z3.bitVectorSort(width: 16)
            let memSort = try z3.arraySort(domain: index, range: z3.bitVectorSort(width: 8))
            let mem = try z3.constant("mem", sort: memSort)
            let i = try z3.bitVectorConstant("i", width: 16)
            let j = try z3.bitVectorConstant("j", width: 16)
            let written = try mem.store(i, z3.bitVector(0x5A, width: 8))

            let solver = try Solver(z3)
            // Reading back what was written is valid...
            try solver.push()
            try solver.assert(try written.select(i).neq(z3.bitVector(0x5A, width: 8)))
            #expect(try solver.check() == .unsat)
            try solver.pop()
            // ...a different index keeps the old content...
            try solver.push()
            try solver.assert(try i.neq(j))
            try solver.assert(try written.select(j).neq(mem.select(j)))
            #expect(try solver.check() == .unsat)
            try solver.pop()
            // ...and a zero-initialised array reads zero everywhere.
            let zeros = try z3.constantArray(domain: index, value: z3.bitVector(0, width: 8))
            #expect(try zeros.select(j).simplify().uint64Value == 0)
        }

        @Test func freshConstantsAreDistinctFromNamedOnes() throws {
            let z3 = try Context()
            let sort = try z3.bitVectorSort(width: 8)
            let a = try z3.freshConstant(prefix: "s", sort: sort)
            let b = try z3.freshConstant(prefix: "s", sort: sort)
            #expect(a != b)
            #expect(a != (try z3.constant("s", sort: sort)))
        }

        @Test func descriptionIsSMTLIBText() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            #expect(try (x + 1).description == "(bvadd x #x01)")
        }
    }
}

extension Z3KitTests {
    @Suite struct TranslationTests {
        /// A worker thread builds terms in a context of its own; translated, they must be the very
        /// nodes the main context would have built, so that both halves of a relation share them.
        @Test func aTranslatedTermIsTheNodeTheOtherContextWouldHaveBuilt() throws {
            let a = try Context()
            let b = try Context()
            let xa = try a.bitVectorConstant("x", width: 8)
            let xb = try b.bitVectorConstant("x", width: 8)
            let t = try (xa + 1).eq(a.bitVectorConstant("y", width: 8))
            let there = try t.translated(to: b)
            #expect(there.context === b)
            #expect(there == (try (xb + 1).eq(b.bitVectorConstant("y", width: 8))))
            #expect(try there.translated(to: a) == t)
            #expect(try t.translated(to: a) === t)
        }
    }
}
