import Dispatch
import Foundation
import ModelKit
import Z3Kit

/// SIGINT, SIGTERM and SIGHUP stop a check gracefully: the first asks every engine to stop at its
/// next check (`Interruption`) and keeps cancelling Z3's checks, so that the run prints the figures
/// reached and `bounded` verdicts and exits `128 + signal`; a second exits at once.
enum SignalStop {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The signal sources, kept for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        let queue = DispatchQueue(label: "slabcheck.signals")
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { arrived(number, on: queue) }
            source.resume()
            sources.append(source)
        }
    }

    static func arrived(_ number: Int32, on queue: DispatchQueue) {
        guard Interruption.request(signal: number) else { _exit(128 + number) }
        complain("\n\(Interruption.name(of: number)): stopping at the next check (send it again to quit at once)")
        cancelSolvers(on: queue)
    }

    /// Interrupts Z3 now and every 50 ms after: an interrupt that arrives between two checks is
    /// forgotten, and the engine may start one more before it looks at the flag.
    static func cancelSolvers(on queue: DispatchQueue) {
        LiveContexts.interruptChecks()
        queue.asyncAfter(deadline: .now() + .milliseconds(50)) { cancelSolvers(on: queue) }
    }

    /// The exit status of a run a signal stopped, if one did.
    static var exitStatus: Int32? { Interruption.signal.map { 128 + $0 } }
}
