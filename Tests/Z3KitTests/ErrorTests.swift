import Testing
import Z3Kit

extension Z3KitTests {
    /// Z3's default error handler exits the process; these pin down that ill-formed terms become
    /// thrown `Z3Error`s and that the context remains usable afterwards.
    @Suite struct ErrorTests {
        @Test func addingBitVectorsOfDifferentWidthsThrowsSortError() throws {
            let z3 = try Context()
            let a = try z3.bitVectorConstant("a", width: 8)
            let b = try z3.bitVectorConstant("b", width: 16)
            let error = #expect(throws: Z3Error.self) { try a + b }
            // Z3 4.8.12 reports this as a generic exception whose message names the mismatch.
            #expect(error?.kind == .exception)
            #expect(error?.message.contains("does not match") == true)
            // The context still works after the error.
            #expect(try (a + a).bitWidth == 8)
        }

        @Test func conjunctionOfABitVectorThrowsSortError() throws {
            let z3 = try Context()
            let flag = try z3.boolConstant("flag")
            let word = try z3.bitVectorConstant("word", width: 32)
            let error = #expect(throws: Z3Error.self) { try z3.and([flag, word]) }
            #expect(error?.message.contains("Sort mismatch") == true)
            #expect(throws: Z3Error.self) { try word.not() }
            #expect(throws: Z3Error.self) { try flag.add(flag) }
            #expect(throws: Z3Error.self) { try z3.ite(word, then: flag, else: flag) }
        }

        @Test func assertingANonBooleanThrows() throws {
            let z3 = try Context()
            let solver = try Solver(z3)
            #expect(throws: Z3Error.self) { try solver.assert(try z3.bitVectorConstant("w", width: 4)) }
            #expect(try solver.check() == .sat)
        }

        @Test func invalidWidthsAndBitRangesThrow() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            #expect(throws: Z3Error.self) { try z3.bitVectorConstant("zero", width: 0) }
            #expect(throws: Z3Error.self) { try z3.bitVector(1, width: -3) }
            #expect(throws: Z3Error.self) { try x.extract(high: 8, low: 0) }
            #expect(throws: Z3Error.self) { try x.extract(high: 2, low: 3) }
            #expect(throws: Z3Error.self) { try x.zeroExtend(by: -1) }
            #expect(throws: Z3Error.self) { try z3.numeral("not a number", sort: z3.bitVectorSort(width: 8)) }
        }

        @Test func mixingTermsOfTwoContextsThrowsInsteadOfCorruptingMemory() throws {
            let first = try Context()
            let second = try Context()
            let a = try first.bitVectorConstant("a", width: 8)
            let b = try second.bitVectorConstant("b", width: 8)
            let error = #expect(throws: Z3Error.self) { try a + b }
            #expect(error?.kind == .contextMismatch)
            #expect(throws: Z3Error.self) { try second.and([a.eq(a)]) }
            let solver = try Solver(second)
            #expect(throws: Z3Error.self) { try solver.assert(a.eq(a)) }
            #expect(throws: Z3Error.self) { try solver.check(assumptions: [first.boolConstant("p")]) }
        }
    }
}
