import ExplicitChecker
import Foundation
import SlabModel
import SymbolicChecker
import Z3Kit

extension BenchSymbolicCommand {
    /// Each action's step cut at the model's joins (the segment engine's cut points): how many
    /// joins, how long finding and building every segment took, and the largest, per
    /// configuration (--circuit-on, default every one), --circuit-seconds each.
    func segments() {
        say("Steps cut at the model's joins (seed), per action: joins, build time, largest segment:")
        for (name, config) in circuitConfigurations {
            let started = ContinuousClock.now
            do {
                let system = try TransitionSystem(
                    model: SlabModel(configuration: config, variant: .seed), context: Context())
                let census = try SegmentCensus(system: system, deadline: Deadline(seconds: circuitSeconds))
                let rows = census.rows
                say(
                    String(
                        format:
                            "  %@ %d joins (%d cuts unreachable), built in %.2f s, largest segment %d terms, peak memory %d MiB",
                        pad(name, 6) as NSString, rows.map(\.joins).reduce(0, +),
                        rows.map(\.unreachableCuts).reduce(0, +),
                        rows.map(\.seconds).reduce(0, +), rows.map(\.largestTerms).max() ?? 0, peakResidentBytes() >> 20
                    ))
                for row in rows.sorted(by: { $0.seconds > $1.seconds }).prefix(4) {
                    say(
                        String(
                            format: "    %@ %d joins, built in %.2f s, largest %d terms", "\(row.action)" as NSString,
                            row.joins, row.seconds, row.largestTerms))
                }
            } catch {
                say(
                    String(
                        format: "  %@ stopped after %.2f s: %@", pad(name, 6) as NSString, seconds(since: started),
                        "\(error)" as NSString))
            }
        }
    }
}
