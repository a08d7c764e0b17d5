import Foundation
import Testing
import Z3Kit

extension Z3KitTests {
    /// Reference counting: every term holds one Z3 reference and drops it in deinit. Run the
    /// suite with `swift test --sanitize=address` for LeakSanitizer to check everything else
    /// (contexts, solvers, models, statistics, AST vectors).
    @Suite struct LifetimeTests {
        /// Z3 recycles the identifiers of freed nodes. If `Term` failed to `Z3_dec_ref`, each of
        /// these distinct constants would stay alive and the identifiers would climb past 2000.
        @Test func droppedTermsAreFreedByZ3() throws {
            let z3 = try Context()
            var highest: UInt32 = 0
            for i in 0..<2000 {
                let term = try z3.bitVectorConstant("v\(i)", width: 8) + 1
                highest = max(highest, term.id)
            }
            #expect(highest < 200)
        }

        /// Solvers, models, statistics, unsat-core vectors and parameter sets are freed by Z3
        /// only when their reference count drops; a missing `dec_ref` would not show under
        /// LeakSanitizer (deleting the context frees them) but makes Z3's allocation counter
        /// grow by kilobytes (model) to megabytes (solver) per round.
        ///
        /// Z3's counter is process-wide and other suites use Z3 in parallel, so the rounds run in
        /// a process of their own (an exit test): there the counter sees only them.
        @Test func solverRoundsInOneContextDoNotGrowZ3Memory() async {
            await #expect(processExitsWith: .success) {
                let z3 = try Context()
                let x = try z3.bitVectorConstant("x", width: 32)
                let p = try z3.boolConstant("p")
                func round() throws {
                    let solver = try Solver(z3)
                    try solver.setTimeout(.seconds(30))
                    try solver.assert(try (x * 3).eq(z3.bitVector(21, width: 32)))
                    guard try solver.check(assumptions: [p, p.not()]) == .unsat, try solver.unsatCore().count == 2,
                        try solver.check() == .sat, try solver.model().uint64Value(of: x) == 7
                    else { exit(2) }
                    _ = try solver.statistics()
                    _ = try? x + z3.bitVectorConstant("narrow", width: 8)  // an error, too
                }
                for _ in 0..<100 { try round() }  // warm-up: caches, tables, first-use allocations
                let before = Z3Library.estimatedAllocatedBytes
                for _ in 0..<1000 { try round() }
                let growth = Z3Library.estimatedAllocatedBytes - before
                if growth >= 20_000 {
                    FileHandle.standardError.write(Data("Z3 memory grew by \(growth) bytes over 1000 rounds\n".utf8))
                    exit(1)
                }
            }
        }

        @Test func liveTermsKeepTheirNodes() throws {
            let z3 = try Context()
            var kept: [Term] = []
            for i in 0..<500 {
                kept.append(try z3.bitVectorConstant("v\(i)", width: 8))
            }
            #expect(Set(kept.map(\.id)).count == 500)
            #expect(kept[123].description == "v123")
        }

        @Test func termsKeepTheirContextAlive() throws {
            func makeTerm() throws -> Term {
                let z3 = try Context()  // the only named reference dies here
                return try z3.bitVectorConstant("x", width: 8) + 1
            }
            let term = try makeTerm()
            let doubled = try term + term
            #expect(doubled.description.contains("bvadd"))
            let solver = try Solver(term.context)
            try solver.assert(try doubled.eq(term.context.bitVector(4, width: 8)))
            #expect(try solver.check() == .sat)
        }

        @Test func manyContextsSolversModelsAndTermsCanBeCreatedAndDropped() throws {
            for round in 0..<50 {
                let z3 = try Context()
                let x = try z3.bitVectorConstant("x", width: 16)
                var formula = try z3.bool(true)
                for k in 0..<100 {
                    formula = try formula && (x + UInt64(k)).ugt(z3.bitVector(UInt64(k), width: 16))
                }
                let solver = try Solver(z3, flavor: round.isMultiple(of: 2) ? .general : .simple)
                try solver.setTimeout(.seconds(30))
                try solver.push()
                try solver.assert(formula)
                let p = try z3.boolConstant("p")
                #expect(try solver.check(assumptions: [p, p.not()]) == .unsat)
                _ = try solver.unsatCore()
                #expect(try solver.check() == .sat)
                let model = try solver.model()
                _ = try model.eval(x)
                _ = model.description
                _ = try solver.statistics()
                try solver.pop()
                // Errors must not leak their message buffers either.
                _ = try? x + z3.bitVectorConstant("y", width: 8)
            }
        }
    }
}
