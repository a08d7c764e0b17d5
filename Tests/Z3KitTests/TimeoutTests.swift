import Foundation
import Synchronization
import Testing
import Z3Kit

/// Factoring a semiprime with bit-vector multiplication: 18446744073709551557 ×
/// 18446744073709551533 (the two largest 64-bit primes) as a 128-bit product. Z3 4.8.12 needs
/// tens of seconds for it here. (Two 32-bit primes are not hard enough: that instance is
/// solved in about 0.15 s, too close to the interrupt test's 50 ms.)
func assertFactoringSemiprime(into solver: Solver, _ z3: Context) throws {
    let p = try z3.bitVectorConstant("p", width: 64)
    let q = try z3.bitVectorConstant("q", width: 64)
    let product = try p.zeroExtend(by: 64) * q.zeroExtend(by: 64)
    let n = try z3.numeral("340282366920938460843936948965011886881", sort: z3.bitVectorSort(width: 128))
    try solver.assert(try product.eq(n))
    try solver.assert(try p.ugt(z3.bitVector(1, width: 64)))
    try solver.assert(try q.ugt(z3.bitVector(1, width: 64)))
}

/// Interrupts `context` after `delay` unless cancelled first: keeps a broken timeout from
/// hanging the test run (it then fails on the elapsed time instead).
final class Watchdog: Sendable {
    private let cancelled = Atomic<Bool>(false)

    init(_ context: Context, after delay: Double) {
        let interrupter = context.interrupter
        Thread { [self] in
            let deadline = Date().addingTimeInterval(delay)
            while Date() < deadline {
                if cancelled.load(ordering: .acquiring) { return }
                Thread.sleep(forTimeInterval: 0.01)
            }
            interrupter.interrupt()
        }.start()
    }

    func cancel() { cancelled.store(true, ordering: .releasing) }
}

extension Z3KitTests {
    @Suite struct TimeoutTests {
        /// Zero and sub-millisecond limits are included because Z3 itself reads a timeout of
        /// 0 ms as "no limit".
        @Test(.timeLimit(.minutes(1)), arguments: [Duration.milliseconds(1), .microseconds(10), .zero])
        func tinyTimeoutOnAHardQueryYieldsUnknownWithAReason(timeout: Duration) throws {
            let z3 = try Context()
            let solver = try Solver(z3)
            try assertFactoringSemiprime(into: solver, z3)
            try solver.setTimeout(timeout)

            let watchdog = Watchdog(z3, after: 15)
            let start = ContinuousClock.now
            let result = try solver.check()
            let elapsed = ContinuousClock.now - start
            watchdog.cancel()

            guard case .unknown(let reason) = result else {
                Issue.record("expected unknown, got \(result)")
                return
            }
            #expect(reason.isCallersLimit)
            #expect(solver.reasonUnknown == reason.explanation)
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
            // Safety net so a broken interrupter fails the test (on time and reason) instead of
            // hanging it.
            try solver.setTimeout(.seconds(20))
            let interrupter = z3.interrupter
            let flag = DoneFlag()
            let finished = DispatchSemaphore(value: 0)
            let thread = Thread {
                // Keep interrupting until the check has returned: a single early interrupt could
                // land before the check starts.
                while !flag.done.load(ordering: .acquiring) {
                    Thread.sleep(forTimeInterval: 0.05)
                    interrupter.interrupt()
                }
                finished.signal()
            }
            thread.start()
            let start = ContinuousClock.now
            let result = try solver.check()
            flag.done.store(true, ordering: .releasing)
            // The thread may be between its test and its interrupt: let it stop before the next
            // query, or that query is what it interrupts.
            finished.wait()
            #expect(ContinuousClock.now - start < .seconds(10))
            guard case .unknown(let reason) = result else {
                Issue.record("expected unknown, got \(result)")
                return
            }
            #expect(reason.cause == .interrupted)
            // The context is still usable for the next query.
            let other = try Solver(z3)
            try other.assert(try z3.bitVectorConstant("z", width: 8).eq(z3.bitVector(1, width: 8)))
            #expect(try other.check() == .sat)
        }

        /// The interrupter may outlive its context (another thread can hold it); it must then
        /// not touch the deleted context.
        @Test func interruptingAfterTheContextIsGoneDoesNothing() throws {
            var z3: Context? = try Context()
            let interrupter = try #require(z3?.interrupter)
            #expect(interrupter.interrupt())
            z3 = nil
            #expect(!interrupter.interrupt())
        }
    }
}

private final class DoneFlag: Sendable {
    let done = Atomic<Bool>(false)
}
