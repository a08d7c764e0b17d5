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

extension BenchSymbolicCommand {
    /// Induction's step case segment by segment (`SegmentInduction`) for the seed and for the
    /// mutants whose bug lies on the refill's path, per configuration (--circuit-on, default
    /// tiny), --circuit-seconds each: per variant the actions proved and those not, the queries
    /// that failed (each with the state it starts from), the joins with no invariant, and the time.
    func segmentInduction() {
        say("Induction's step case by segments (invariants at every join; step properties asked of every segment):")
        let configurations = circuitOn == nil ? [("tiny", Configuration.tiny)] : circuitConfigurations
        for (name, config) in configurations {
            for variant in [Variant.seed, .noFreeDecrement, .slabStaysPartial, .sharedWrongEnd] {
                let started = ContinuousClock.now
                do {
                    let system = try TransitionSystem(
                        model: SlabModel(configuration: config, variant: variant), context: Context())
                    let result = try SegmentInduction(system: system).run(
                        deadline: Deadline(seconds: circuitSeconds))
                    let failed = result.checks.filter { $0.answer != .unsat }
                    let slowest = result.checks.max { $0.seconds < $1.seconds }
                    say(
                        String(
                            format:
                                "  %@ %@ %d queries in %.2f s (slowest %.2f s), %d not unsat; %d of %d actions proved; %d segments not covered, peak memory %d MiB",
                            pad(name, 6) as NSString, pad(variant.rawValue, 18) as NSString, result.checks.count,
                            result.seconds, slowest?.seconds ?? 0, failed.count, result.proved.count,
                            system.actions.count, result.uncovered.count, peakResidentBytes() >> 20))
                    if result.endedEarly { say("    ended at the time limit") }
                    let slowestActions = result.actionSeconds.sorted { $0.seconds > $1.seconds }.prefix(4)
                    say(
                        "    slowest actions: "
                            + slowestActions.map { String(format: "%@ %.1f s", "\($0.action)" as NSString, $0.seconds) }
                            .joined(separator: ", "))
                    let open = system.actions.filter {
                        !result.proved.contains($0) && !result.neverEnabled.contains($0)
                    }
                    if !open.isEmpty { say("    not proved: " + open.map { "\($0)" }.joined(separator: ", ")) }
                    for check in failed.prefix(3) {
                        say(
                            "    \(check.action) from \(check.from.map { "\($0.place)" } ?? "the start"): "
                                + "\(check.part) at \(check.at.map { "\($0.place)" } ?? "the end"): \(check.answer)")
                        if let start = check.start {
                            let fields = Snapshot(start.state, layout: system.model.layout).fields
                            say("      from " + fields.map { "\($0.name): \($0.value)" }.joined(separator: "; "))
                            say(
                                "      carrying \(start.carried.value), passes \(start.carried.passes),"
                                    + " loops' passes \(start.carried.loops)")
                        }
                    }
                } catch {
                    say(
                        String(
                            format: "  %@ %@ stopped after %.2f s: %@", pad(name, 6) as NSString,
                            variant.rawValue as NSString, seconds(since: started), "\(error)" as NSString))
                }
            }
        }
    }
}
