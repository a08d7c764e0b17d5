import Testing
import Z3Kit

extension Z3KitTests {
    @Suite struct SolverTests {
        @Test func satisfiableQueryHasModelWhoseEvalGivesTheSolution() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            let solver = try Solver(z3)
            try solver.assert(try (x + 3).eq(z3.bitVector(10, width: 8)))

            #expect(try solver.check() == .sat)
            let model = try solver.model()
            let value = try model.eval(x)
            #expect(value.isNumeral)
            #expect(value.uint64Value == 7)
            #expect(try model.uint64Value(of: x) == 7)
            #expect(try model.uint64Value(of: x + 1) == 8)
        }

        @Test func contradictoryAssertionsAreUnsat() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 16)
            let solver = try Solver(z3)
            try solver.assert(try x.ult(z3.bitVector(3, width: 16)))
            try solver.assert(try x.ugt(z3.bitVector(5, width: 16)))
            #expect(try solver.check() == .unsat)
            #expect(throws: Z3Error.self) { try solver.model() }
        }

        @Test func popRestoresTheAssertionsOfBeforeThePush() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            let solver = try Solver(z3)
            try solver.assert(try x.eq(z3.bitVector(42, width: 8)))
            #expect(try solver.check() == .sat)

            try solver.push()
            #expect(solver.numberOfScopes == 1)
            try solver.assert(try x.eq(z3.bitVector(43, width: 8)))
            #expect(try solver.check() == .unsat)
            try solver.pop()
            #expect(solver.numberOfScopes == 0)

            #expect(try solver.check() == .sat)
            #expect(try solver.model().uint64Value(of: x) == 42)
        }

        @Test func poppingMoreScopesThanPushedThrows() throws {
            let z3 = try Context()
            let solver = try Solver(z3)
            let error = #expect(throws: Z3Error.self) { try solver.pop() }
            #expect(error?.kind == .invalidUsage)
        }

        @Test(arguments: [Solver.Flavor.general, .simple])
        func unsatCoreNamesOnlyTheConflictingAssumptions(flavor: Solver.Flavor) throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            let y = try z3.bitVectorConstant("y", width: 8)
            let p = try z3.boolConstant("p")
            let q = try z3.boolConstant("q")
            let r = try z3.boolConstant("r")
            let solver = try Solver(z3, flavor: flavor)
            try solver.assert(try p.implies(x.eq(z3.bitVector(1, width: 8))))
            try solver.assert(try q.implies(x.eq(z3.bitVector(2, width: 8))))
            try solver.assert(try r.implies(y.eq(z3.bitVector(0, width: 8))))

            #expect(try solver.check(assumptions: [p, q, r]) == .unsat)
            #expect(Set(try solver.unsatCore()) == [p, q])

            // Assumptions are not assertions: without q the same solver is sat again.
            #expect(try solver.check(assumptions: [p, r]) == .sat)
            let model = try solver.model()
            #expect(try model.uint64Value(of: x) == 1)
            #expect(try model.boolValue(of: p) == true)
            #expect(throws: Z3Error.self) { try solver.unsatCore() }
        }

        @Test func modelIsUnavailableAfterTheSolverChanges() throws {
            let z3 = try Context()
            let solver = try Solver(z3)
            try solver.assert(try z3.boolConstant("a"))
            #expect(try solver.check() == .sat)
            try solver.assert(try z3.boolConstant("b"))
            let error = #expect(throws: Z3Error.self) { try solver.model() }
            #expect(error?.kind == .invalidUsage)
        }

        @Test func modelOutlivesTheSolverThatProducedIt() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 32)
            var solver: Solver? = try Solver(z3)
            try solver?.assert(try x.eq(z3.bitVector(0xDEAD_BEEF, width: 32)))
            #expect(try solver?.check() == .sat)
            let model = try solver?.model()
            solver = nil
            #expect(try model?.uint64Value(of: x) == 0xDEAD_BEEF)
        }

        @Test func evalWithoutCompletionLeavesUnconstrainedConstantsSymbolic() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            let unused = try z3.bitVectorConstant("unused", width: 8)
            let solver = try Solver(z3)
            try solver.assert(try x.eq(z3.bitVector(5, width: 8)))
            #expect(try solver.check() == .sat)
            let model = try solver.model()
            #expect(try model.eval(unused, completion: false) == unused)
            #expect(try model.eval(unused, completion: true).isNumeral)
        }

        @Test func aModelOfOurOwnEvaluatesTermsOverTheConstantsItWasGiven() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            let p = try z3.boolConstant("p")
            let model = try Assignment(z3, values: [(x, try z3.bitVector(6, width: 8)), (p, try z3.bool(true))])
            #expect(try model.uint64Value(of: x * 7) == 42)
            #expect(try model.boolValue(of: z3.and([p, x.ult(z3.bitVector(7, width: 8))])) == true)
            #expect(try model.boolValue(of: x.eq(z3.bitVector(5, width: 8))) == false)
        }

        @Test func aModelOfOurOwnRefusesATermThatIsNoConstant() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 8)
            #expect(throws: Z3Error.self) { try Assignment(z3, values: [(x + 1, try z3.bitVector(6, width: 8))]) }
            #expect(throws: Z3Error.self) {
                try Assignment(z3, values: [(try z3.bitVector(5, width: 8), try z3.bitVector(6, width: 8))])
            }
        }

        @Test func statisticsOfACheckAreCopiedOut() throws {
            let z3 = try Context()
            let x = try z3.bitVectorConstant("x", width: 32)
            let y = try z3.bitVectorConstant("y", width: 32)
            let solver = try Solver(z3)
            try solver.assert(try (x * y).eq(z3.bitVector(143, width: 32)))
            try solver.assert(try x.ugt(z3.bitVector(1, width: 32)))
            try solver.assert(try y.ugt(z3.bitVector(1, width: 32)))
            try solver.assert(try x.ult(z3.bitVector(143, width: 32)))
            try solver.assert(try y.ult(z3.bitVector(143, width: 32)))
            #expect(try solver.check() == .sat)
            let stats = try solver.statistics()
            #expect(!stats.values.isEmpty)
            // Every check reports its memory high-water mark, as a double (megabytes).
            #expect((stats["max memory"]?.doubleValue ?? 0) > 0)
        }

        @Test func unknownParameterNameThrowsByTheNextCheck() throws {
            let z3 = try Context()
            let solver = try Solver(z3)
            let error = #expect(throws: Z3Error.self) {
                try solver.setParameter("no_such_parameter_xyz", UInt32(1))
                _ = try solver.check()
            }
            #expect(error?.message.contains("no_such_parameter_xyz") == true)

            let valid = try Solver(z3)
            try valid.setParameter("random_seed", UInt32(7))
            #expect(try valid.check() == .sat)
        }
    }
}
