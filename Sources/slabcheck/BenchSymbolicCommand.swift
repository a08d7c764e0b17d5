import ArgumentParser
import CrossChecking
import ExplicitChecker
import Foundation
import SlabChecker
import SlabModel
import SymbolicChecker
import Z3Kit

struct BenchSymbolicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-symbolic",
        abstract: "Measure the Z3 engines: mutants' counterexamples, BMC depth over time, induction.",
        discussion: """
            Prints: the merged circuit's build time and size per named configuration (terms, the \
            actions with the most, one step bit-blasted), with the depth BMC on it reaches, each \
            check's time per depth, and what k-induction on it proves in --circuit-seconds; how \
            the circuit grows with each size of tiny (circuit-scaling); each action's step cut \
            at the model's joins, per configuration: how many joins, the time to find and build \
            every segment, and the largest (segments); induction's step case segment by segment \
            for the seed and the refill's mutants, with the counterexamples to induction it finds \
            (segment-induction; tiny unless --circuit-on says); users' forall properties \
            asked with witnesses against their negation unrolled, in k-induction's step case on \
            the circuit (witness; tiny unless --circuit-on says, for each query may take \
            minutes); the time to each mutant's first counterexample on small (overrun-slab on a \
            config with batchcount = num + 1), the time to each BMC depth on medium for the seed \
            up to --medium-depth (the issue marks 10 and 20), the induction time per seed \
            configuration, the depth BMC reaches in --kernel-seconds on a kernel-size \
            configuration, and the cross-check of BMC against BFS (shortest violations of the seed \
            and every mutant on tiny and small) and Z3's count of the states within each depth on \
            tiny against BFS's (states), both to --cross-check-depth. Build with -c release.

            Examples:
              swift run -c release slabcheck bench-symbolic --kernel-seconds 600
              swift run -c release slabcheck bench-symbolic --only mutants,induction --timeout 60
              swift run -c release slabcheck bench-symbolic --only cross-check,states --cross-check-depth 8
              swift run -c release slabcheck bench-symbolic --only circuit --circuit-seconds 60
              swift run -c release slabcheck bench-symbolic --only circuit --circuit-on kernel
              swift run -c release slabcheck bench-symbolic --only segments --circuit-on tiny,small,medium
              swift run -c release slabcheck bench-symbolic --only segment-induction
              swift run -c release slabcheck bench-symbolic --only witness --circuit-seconds 60
            """)

    @Option(help: "Seconds for the kernel-size BMC run (0 skips it).")
    var kernelSeconds: Double = 600

    @Option(help: "BMC depth on medium.")
    var mediumDepth: Int = 20

    @Option(help: "Seconds any other single measurement may take.")
    var timeout: Double = 600

    @Option(help: "Depth of the cross-check of BMC against BFS.")
    var crossCheckDepth: Int = 8

    @Option(help: "Configurations of the cross-check: tiny, small (comma-separated).")
    var crossCheckOn: String = "tiny,small"

    @Option(help: "Seconds BMC on the merged circuit, or the segments, may take per configuration.")
    var circuitSeconds: Double = 60

    @Option(help: "Named configurations of the circuit and segments parts (comma-separated; default: every one).")
    var circuitOn: String?

    /// The parts `--only` may name, in the order `run` measures them.
    static let parts = [
        "circuit", "circuit-scaling", "segments", "segment-induction", "witness", "mutants", "medium", "induction",
        "cross-check", "states",
        "kernel",
    ]

    @Option(help: "Only these parts: \(parts.joined(separator: ", ")) (comma-separated).")
    var only: String?

    /// The property Documentation/Model.md (Mutants) says each mutant breaks.
    static let broken: [Variant: BuiltInProperty] = [
        .staleAc: .acCurrent, .retryIgnoresIrq: .noBug, .sharedCountsFree: .freeObjectsExact,
        .noFreeDecrement: .freeObjectsExact, .slabStaysPartial: .listPlacement, .sharedWrongEnd: .conservation,
        .overrunSlab: .inuseBounds, .growUncounted: .freeObjectsExact, .growFailIrqsOn: .irqsOff,
    ]

    /// The named configurations --circuit-on picks (every one when it is not given).
    var circuitConfigurations: [(name: String, configuration: Configuration)] {
        let on = circuitOn.map { Set($0.split(separator: ",").map(String.init)) }
        return Configuration.named.filter { on?.contains($0.name) ?? true }
    }

    func wants(_ part: String) -> Bool { only.map { $0.split(separator: ",").contains(Substring(part)) } ?? true }

    /// A misspelt name would otherwise measure nothing and exit 0: each list is refused with the
    /// names it may hold.
    func validate() throws {
        let configurations = Configuration.named.map(\.name)
        try refuseUnknown("--only", only, known: Self.parts, kind: "part")
        try refuseUnknown("--circuit-on", circuitOn, known: configurations, kind: "configuration")
        try refuseUnknown("--cross-check-on", crossCheckOn, known: ["tiny", "small"], kind: "configuration")
    }

    func refuseUnknown(_ option: String, _ list: String?, known: [String], kind: String) throws {
        for name in list?.split(separator: ",").map(String.init) ?? [] where !known.contains(name) {
            throw ValidationError(
                "\(option): no \(kind) named '\(name)' (known: \(known.joined(separator: ", ")))")
        }
    }

    func run() throws {
        if wants("circuit") { circuit() }
        if wants("circuit-scaling") { circuitScaling() }
        if wants("segments") { segments() }
        if wants("segment-induction") { segmentInduction() }
        if wants("witness") { witnessNegation() }
        if wants("mutants") {
            say("Time to the first counterexample per mutant (transition relation build + BMC):")
            for variant in Variant.allCases where variant != .seed {
                guard let property = Self.broken[variant] else { continue }
                let config = variant == .overrunSlab ? Configuration.oneObjectSlabs : Configuration.small
                let started = ContinuousClock.now
                do {
                    let context = try Context()
                    let system = try TransitionSystem(
                        model: SlabModel(configuration: config, variant: variant), context: context)
                    let r = try BoundedModelChecker(system: system).run(
                        properties: [property], depth: 30, deadline: Deadline(seconds: timeout))
                    let total = seconds(since: started)
                    say(
                        String(
                            format: "  %@ %@ %@  (build %.2f s, BMC %.2f s, total %.2f s)",
                            pad(variant.rawValue, 20) as NSString, pad(property.rawValue, 24) as NSString,
                            "\(r.verdicts[property].map(String.init(describing:)) ?? "?")" as NSString,
                            system.buildSeconds, r.seconds, total))
                } catch {
                    say(
                        String(
                            format: "  %@ stopped after %.2f s: %@", pad(variant.rawValue, 20) as NSString,
                            seconds(since: started), "\(error)" as NSString))
                }
            }
        }
        if wants("medium") {
            say("BMC on medium (seed, all properties):")
            let started = ContinuousClock.now
            do {
                let context = try Context()
                let system = try TransitionSystem(
                    model: SlabModel(configuration: Configuration.medium, variant: .seed), context: context)
                let bmc = BoundedModelChecker(system: system)
                bmc.progress = depthReport(since: started, system)
                let r = try bmc.run(
                    properties: BuiltInProperty.allCases, depth: mediumDepth, deadline: Deadline(seconds: timeout))
                say(
                    "  reached depth \(r.depthReached); verdicts: "
                        + BuiltInProperty.allCases.map {
                            "\($0.rawValue)=\(r.verdicts[$0].map(String.init(describing:)) ?? "?")"
                        }.joined(separator: "; "))
                for line in SymbolicRun.describe(system.report, bits: system.width.bits) { say("  " + line) }
            } catch {
                say(String(format: "  stopped after %.2f s: %@", seconds(since: started), "\(error)" as NSString))
            }
        }
        if wants("induction") {
            say("k-induction on the seed (all properties):")
            for (name, config) in [
                ("tiny", Configuration.tiny), ("small", Configuration.small), ("medium", Configuration.medium),
            ] {
                let started = ContinuousClock.now
                do {
                    let context = try Context()
                    let system = try TransitionSystem(
                        model: SlabModel(configuration: config, variant: .seed), context: context)
                    let r = try Induction(system: system).run(
                        properties: BuiltInProperty.allCases, maxK: 2, deadline: Deadline(seconds: timeout))
                    let verdicts = Set(r.verdicts.values.map(String.init(describing:)))
                    say(
                        String(
                            format: "  %@ %.2f s total (build %.2f s, induction %.2f s): ", pad(name, 7) as NSString,
                            seconds(since: started), system.buildSeconds, r.seconds)
                            + verdicts.sorted().joined(separator: " | "))
                } catch {
                    say(
                        String(
                            format: "  %@ stopped after %.2f s: %@", pad(name, 7) as NSString, seconds(since: started),
                            "\(error)" as NSString))
                }
            }
        }
        if wants("cross-check") {
            crossCheck()
        }
        if wants("states") {
            stateCounts()
        }
        if wants("kernel"), kernelSeconds > 0 {
            say(
                "BMC on a kernel-size configuration (cpus 2, num 30, limit 120, batchcount 60, sharedLimit 480, pages 4):"
            )
            let started = ContinuousClock.now
            do {
                let context = try Context()
                let system = try TransitionSystem(
                    model: SlabModel(configuration: Configuration.kernel, variant: .seed), context: context,
                    pathLimit: 2_000_000)
                let bmc = BoundedModelChecker(system: system)
                bmc.progress = depthReport(since: started, system)
                let left = max(1, kernelSeconds - seconds(since: started))
                let r = try bmc.run(
                    properties: BuiltInProperty.allCases, depth: 1000, deadline: Deadline(seconds: left))
                say(
                    "  depth reached in \(Int(kernelSeconds)) s: \(r.depthReached); "
                        + Set(r.verdicts.values.map(String.init(describing:))).sorted().joined(separator: " | "))
                for line in SymbolicRun.describe(system.report, bits: system.width.bits) { say("  " + line) }
            } catch {
                say(String(format: "  stopped after %.2f s: %@", seconds(since: started), "\(error)" as NSString))
            }
        }
    }
}

extension BenchSymbolicCommand {
    /// The merged circuit of each named configuration: its build time and size, how deep BMC on
    /// it gets in --circuit-seconds, and what k-induction on it proves up to k = 2 in as long
    /// (the seed, every property).
    func circuit() {
        say(
            "The merged circuit per configuration (seed): build, size, BMC and k-induction on it, \(circuitSeconds) s each:"
        )
        for (name, config) in circuitConfigurations {
            let started = ContinuousClock.now
            do {
                let system = try TransitionSystem(
                    model: SlabModel(configuration: config, variant: .seed), context: Context())
                let circuit = try Circuit(system: system)
                say(
                    String(
                        format: "  %@ built in %.2f s, %d terms, %d-bit cells, peak memory %d MiB",
                        pad(name, 6) as NSString, circuit.seconds, circuit.termCount(), system.width.bits,
                        peakResidentBytes() >> 20))
                let most = circuit.actionTerms.prefix(3).map { "\($0.action) \($0.terms)" }
                say("    most terms: " + most.joined(separator: ", "))
                if let size = try circuit.bitBlastedSize(system: system, deadline: Deadline(seconds: circuitSeconds)) {
                    say(
                        String(
                            format: "    one step bit-blasted: %d variables, %d clauses (%.2f s), peak memory %d MiB",
                            size.variables, size.clauses, size.seconds, peakResidentBytes() >> 20))
                } else {
                    say(
                        String(
                            format: "    one step not bit-blasted and solved within %.0f s, peak memory %d MiB",
                            circuitSeconds, peakResidentBytes() >> 20))
                }
                let bmc = IncrementalBMC(system: system, circuit: circuit)
                let bmcStarted = ContinuousClock.now
                bmc.progress = checkTimes { depth, times in
                    say(String(format: "    depth %d after %.2f s: ", depth, seconds(since: bmcStarted)) + times)
                }
                let r = try bmc.run(
                    properties: BuiltInProperty.allCases, depth: 100, deadline: Deadline(seconds: circuitSeconds))
                say(
                    String(
                        format: "    BMC on the circuit reached depth %d in %.2f s, peak memory %d MiB", r.depthReached,
                        r.seconds, peakResidentBytes() >> 20))
                let induction = try KInduction(system: system, circuit: circuit).run(
                    properties: BuiltInProperty.allCases, maxK: 2, deadline: Deadline(seconds: circuitSeconds))
                let proved = induction.verdicts.values.filter { if case .holds = $0 { true } else { false } }.count
                say(
                    String(
                        format:
                            "    k-induction on the circuit: %d of %d properties proved, stopped at k = %d after %.2f s, peak memory %d MiB",
                        proved, induction.verdicts.count, induction.k, induction.seconds, peakResidentBytes() >> 20))
            } catch {
                say(
                    String(
                        format: "  %@ stopped after %.2f s: %@", pad(name, 6) as NSString, seconds(since: started),
                        "\(error)" as NSString))
            }
        }
    }

    /// How the circuit grows with each size of the configuration, from tiny, one size at a time:
    /// the array capacity (`limit`, with `batchcount` half of it), objects per slab (`num`) and
    /// slabs (`pages`). It says which part of the state a smaller design must summarise.
    func circuitScaling() {
        say(
            "The merged circuit's terms as one size of tiny grows (seed; alloc and growDone(ok: 1) of task 0, and all):"
        )
        let sizes: [(what: String, limit: Int, pages: Int, num: Int)] = [
            ("tiny", 2, 2, 2), ("limit 16", 16, 2, 2), ("limit 120", 120, 2, 2), ("num 8", 2, 2, 8),
            ("num 30", 2, 2, 30), ("pages 3", 2, 3, 2), ("pages 4", 2, 4, 2), ("pages 5", 2, 5, 2),
        ]
        for size in sizes {
            var config = Configuration.tiny
            config.limit = size.limit
            config.batchcount = max(1, size.limit / 2)
            config.pages = size.pages
            config.num = size.num
            config.freeLimit = size.pages * size.num + 1
            do {
                let system = try TransitionSystem(
                    model: SlabModel(configuration: config, variant: .seed), context: Context())
                let circuit = try Circuit(system: system)
                func terms(_ action: SlabAction) -> Int {
                    circuit.actionTerms.first { $0.action == action }?.terms ?? 0
                }
                say(
                    String(
                        format: "  %@ alloc %d, growDone %d, all %d terms (%d cells), built in %.2f s",
                        pad(size.what, 10) as NSString, terms(.alloc(task: 0)), terms(.growDone(task: 0, ok: true)),
                        circuit.termCount(), system.model.layout.cellCount, circuit.seconds))
            } catch {
                say("  \(size.what): \(error)")
            }
        }
    }

    /// BMC's shortest violations against BFS's for every variant on tiny and small; a difference
    /// is a bug.
    func crossCheck() {
        let depth = crossCheckDepth
        say("Cross-check to depth \(depth): shortest violation per property, BFS (explicit) vs BMC (Z3):")
        let on = crossCheckOn.split(separator: ",")
        for (name, config) in [("tiny", Configuration.tiny), ("small", Configuration.small)]
        where on.contains(Substring(name)) {
            for variant in Variant.allCases {
                let model = SlabModel(configuration: config, variant: variant)
                let started = ContinuousClock.now
                do {
                    let bfs = CrossCheck.describe(try CrossCheck.bfsDepths(model, depth: depth))
                    let bfsSeconds = seconds(since: started)
                    let system = try TransitionSystem(model: model, context: Context())
                    let bmc = CrossCheck.describe(
                        try CrossCheck.bmcDepths(system, depth: depth, deadline: Deadline(seconds: timeout)))
                    let verdict = bfs == bmc ? "agree" : "DISAGREE: BMC \(bmc.isEmpty ? "none" : bmc)"
                    say(
                        String(
                            format: "  %@ %@ %@ (BFS %.2f s, BMC %.2f s): %@", pad(name, 6) as NSString,
                            pad(variant.rawValue, 20) as NSString,
                            verdict as NSString, bfsSeconds, seconds(since: started) - bfsSeconds,
                            (bfs.isEmpty ? "none" : bfs) as NSString))
                } catch {
                    say(
                        String(
                            format: "  %@ %@ stopped after %.2f s: %@", pad(name, 6) as NSString,
                            pad(variant.rawValue, 20) as NSString, seconds(since: started), "\(error)" as NSString))
                }
            }
        }
    }

    /// Z3's count of the states within each depth up to --cross-check-depth against BFS's, on
    /// tiny (seed); a difference is a bug.
    func stateCounts() {
        let depth = crossCheckDepth
        say("States within d steps on tiny (seed), BFS vs Z3 by blocking each solution:")
        let started = ContinuousClock.now
        do {
            let model = SlabModel(configuration: Configuration.tiny, variant: .seed)
            let counts = try CrossCheck.symbolicStateCounts(
                TransitionSystem(model: model, context: Context()), within: depth)
            for (d, count) in counts.enumerated() {
                let bfs = try CrossCheck.bfsStateCount(model, within: d)
                say("  d = \(d): BFS \(bfs), Z3 \(count) \(bfs == count ? "agree" : "DISAGREE")")
            }
            say(String(format: "  counted in %.2f s", seconds(since: started)))
        } catch {
            say(String(format: "  stopped after %.2f s: %@", seconds(since: started), "\(error)" as NSString))
        }
    }
}

/// Prints a figure as soon as it is measured, also into a pipe or a file.
/// BMC's progress as the benchmarks print it: each depth, when it was reached, and how much of
/// that time went into building the relation.
func depthReport(since started: ContinuousClock.Instant, _ system: TransitionSystem) -> (SymbolicProgress) -> Void {
    { progress in
        guard progress.work == .reached else { return }
        let k = progress.depth
        say(
            String(
                format: "  depth %d after %.2f s (building the relation %.2f s of it)", k, seconds(since: started),
                system.buildSeconds))
    }
}

/// A progress callback that, at each depth done, hands `report` the depth and each check's time
/// at that depth (`avail-bounds 0.62 s, …`): where BMC's time goes, per depth and per property.
func checkTimes(_ report: @escaping (Int, String) -> Void) -> (SymbolicProgress) -> Void {
    var asked: String?
    var times: [String] = []
    return { progress in
        if let name = asked, let t = progress.lastCheckSeconds { times.append(String(format: "%@ %.2f s", name, t)) }
        asked = nil
        switch progress.work {
        case .checking(let name): asked = name
        case .reached:
            report(progress.depth, times.joined(separator: ", "))
            times = []
        case .building: break
        }
    }
}

func say(_ line: String) {
    print(line)
    fflush(nil)
}

/// `text` padded with spaces to `width` columns (`%-20@` does not pad an `NSString` here).
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
