import Foundation
import Synchronization
import Testing
import Z3Kit

/// Factoring the 64-bit semiprime 4294967291 × 4294967279 (both prime) with bit-vector
/// multiplication: far beyond a millisecond for Z3's bit-blaster.
func assertFactoringSemiprime(into solver: Solver, _ z3: Context) throws {
    let p = try z3.bitVectorConstant("p", width: 32)
    let q = try z3.bitVectorConstant("q", width: 32)
    let product = try p.zeroExtend(by: 32) * q.zeroExtend(by: 32)
    try solver.assert(try product.eq(z3.bitVector(18_446_743_979_220_271_189, width: 64)))
    try solver.assert(try p.ugt(z3.bitVector(1, width: 32)))
    try solver.assert(try q.ugt(z3.bitVector(1, width: 32)))
}

@Suite struct TimeoutTests {
    @Test(.timeLimit(.minutes(1)))
    func tinyTimeoutOnAHardQueryYieldsUnknownWithAReason() throws {
        let z3 = try Context()
        let solver = try Solver(z3)
        try assertFactoringSemiprime(into: solver, z3)
        try solver.setTimeout(.milliseconds(1))

        let start = ContinuousClock.now
        let result = try solver.check()
        let elapsed = ContinuousClock.now - start

        guard case .unknown(let reason) = result else {
            Issue.record("expected unknown, got \(result)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(solver.reasonUnknown == reason)
        #expect(elapsed < .seconds(10))
    }

    @Test(.timeLimit(.minutes(1)))
    func removingTheTimeoutLetsAnEasyQueryFinish() throws {
        let z3 = try Context()
        let solver = try Solver(z3)
        try solver.setTimeout(.milliseconds(1))
        try solver.setTimeout(nil)
        let x = try z3.bitVectorConstant("x", width: 8)
        try solver.assert(try (x * 3).eq(z3.bitVector(9, width: 8)))
        #expect(try solver.check() == .sat)
    }

    @Test(.timeLimit(.minutes(1)))
    func interrupterCancelsARunningCheckFromAnotherThread() throws {
        let z3 = try Context()
        let solver = try Solver(z3)
        try assertFactoringSemiprime(into: solver, z3)
        let interrupter = z3.interrupter
        let flag = DoneFlag()
        let thread = Thread {
            // Keep interrupting until the check has returned: a single early interrupt could
            // land before the check starts.
            while !flag.done.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.05)
                interrupter.interrupt()
            }
        }
        thread.start()
        let start = ContinuousClock.now
        let result = try solver.check()
        flag.done.store(true, ordering: .releasing)
        #expect(ContinuousClock.now - start < .seconds(20))
        guard case .unknown = result else {
            Issue.record("expected unknown, got \(result)")
            return
        }
        // The context is still usable for the next query.
        let other = try Solver(z3)
        try other.assert(try z3.bitVectorConstant("z", width: 8).eq(z3.bitVector(1, width: 8)))
        #expect(try other.check() == .sat)
    }

    @Test func interruptingAfterTheContextIsGoneDoesNothing() throws {
        var z3: Context? = try Context()
        let interrupter = try #require(z3?.interrupter)
        z3 = nil
        interrupter.interrupt()
    }
}

private final class DoneFlag: Sendable {
    let done = Atomic<Bool>(false)
}
