import Testing
import Z3Kit

extension Z3KitTests {
    /// Bit-vector semantics, checked both by Z3's rewriter (`simplify`) and by the solver (the
    /// negated claim is unsat), so a wrapper that wired the wrong C function would fail.
    @Suite struct BitVectorTests {
        let z3: Context
        init() throws { z3 = try Context() }

        func bv(_ value: UInt64, _ width: Int = 8) throws -> Term { try z3.bitVector(value, width: width) }

        func isValid(_ claim: Term) throws -> Bool {
            let solver = try Solver(z3)
            try solver.assert(try claim.not())
            return try solver.check() == .unsat
        }

        @Test func eightBitAdditionWrapsAtTheWidth() throws {
            let sum = try bv(250) + bv(10)
            #expect(try sum.simplify().uint64Value == 4)
            #expect(try isValid(sum.eq(bv(4))))
            #expect(try !isValid(sum.eq(bv(5))))
            #expect(try (bv(3) - bv(5)).simplify().uint64Value == 254)
            #expect(try (bv(16) * bv(17)).simplify().uint64Value == 16)
        }

        @Test func symbolicAdditionWrapsToo() throws {
            let x = try z3.bitVectorConstant("x", width: 8)
            // x + 10 == 4 has exactly the solution 250 modulo 256.
            let solver = try Solver(z3)
            try solver.assert(try (x + 10).eq(bv(4)))
            #expect(try solver.check() == .sat)
            #expect(try solver.model().uint64Value(of: x) == 250)
        }

        @Test func numeralsKeepOnlyTheLowBitsOfTheirWidth() throws {
            #expect(try bv(300).uint64Value == 44)
            #expect(try bv(UInt64.max, 64).uint64Value == UInt64.max)
        }

        @Test func unsignedComparisonTreatsTheHighBitAsLarge() throws {
            let big = try bv(0x80)
            let one = try bv(1)
            #expect(try big.ugt(one).simplify().boolValue == true)
            #expect(try big.uge(one).simplify().boolValue == true)
            #expect(try big.ult(one).simplify().boolValue == false)
            #expect(try big.ule(big).simplify().boolValue == true)
            #expect(try big.ult(big).simplify().boolValue == false)
            // Signed, 0x80 is -128.
            #expect(try big.slt(one).simplify().boolValue == true)
            #expect(try big.sgt(one).simplify().boolValue == false)
            #expect(try isValid(big.ugt(one)))
            #expect(try !isValid(big.ult(one)))
        }

        @Test func unsignedComparisonHasNoSolutionBelowZero() throws {
            let x = try z3.bitVectorConstant("x", width: 8)
            let solver = try Solver(z3)
            try solver.assert(try x.ult(bv(0)))
            #expect(try solver.check() == .unsat)
        }

        @Test func divisionAndRemainderAreUnsignedAndTotal() throws {
            #expect(try bv(200).udiv(bv(7)).simplify().uint64Value == 28)
            #expect(try bv(200).urem(bv(7)).simplify().uint64Value == 4)
            // SMT-LIB: x / 0 is all ones, x % 0 is x.
            #expect(try isValid(bv(200).udiv(bv(0)).eq(bv(255))))
            #expect(try isValid(bv(200).urem(bv(0)).eq(bv(200))))
            // Signed: -8 / 3 == -2 (0xFE), -8 srem 3 == -2.
            #expect(try bv(0xF8).sdiv(bv(3)).simplify().uint64Value == 0xFE)
            #expect(try bv(0xF8).srem(bv(3)).simplify().uint64Value == 0xFE)
        }

        @Test func extensionExtractAndConcatMoveBitsAsDocumented() throws {
            let byte = try bv(0x80)
            #expect(try byte.zeroExtend(by: 8).simplify().uint64Value == 0x0080)
            #expect(try byte.signExtend(by: 8).simplify().uint64Value == 0xFF80)
            #expect(try byte.zeroExtend(by: 8).bitWidth == 16)
            let ab = try bv(0xAB)
            #expect(try ab.extract(high: 7, low: 4).simplify().uint64Value == 0xA)
            #expect(try ab.extract(high: 3, low: 0).simplify().uint64Value == 0xB)
            #expect(try ab.extract(high: 3, low: 0).bitWidth == 4)
            #expect(try bv(0xA, 4).concat(bv(0xB, 4)).simplify().uint64Value == 0xAB)
            #expect(try bv(0xA, 4).concat(bv(0xB, 4)).bitWidth == 8)
        }

        @Test func bitwiseOperatorsAndShifts() throws {
            #expect(try (bv(0b1100) & bv(0b1010)).simplify().uint64Value == 0b1000)
            #expect(try (bv(0b1100) | bv(0b1010)).simplify().uint64Value == 0b1110)
            #expect(try (bv(0b1100) ^ bv(0b1010)).simplify().uint64Value == 0b0110)
            #expect(try (~bv(0)).simplify().uint64Value == 0xFF)
            #expect(try bv(0x81).shiftLeft(bv(1)).simplify().uint64Value == 0x02)
            #expect(try bv(0x81).logicalShiftRight(bv(1)).simplify().uint64Value == 0x40)
            #expect(try bv(0x81).arithmeticShiftRight(bv(1)).simplify().uint64Value == 0xC0)
            #expect(try bv(1).neg().simplify().uint64Value == 0xFF)
        }

        @Test func wideNumeralsBeyondSixtyFourBits() throws {
            let sort = try z3.bitVectorSort(width: 128)
            let big = try z3.numeral("340282366920938463463374607431768211455", sort: sort)  // 2^128 - 1
            #expect(big.isNumeral)
            #expect(big.uint64Value == nil)  // does not fit
            #expect(try (big + 1).simplify().uint64Value == 0)
        }
    }
}
