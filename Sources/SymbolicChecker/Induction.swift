import ModelKit
import SlabModel
import Z3Kit

/// k-induction over the derived transition relation.
///
/// The invariant proved is the conjunction of the checked properties and a strengthening:
/// - `ranges`: while the run goes on (`crash == 0`) every cell lies in the range the interval
///   analysis of `TransitionSystem` found (the symbolic execution prunes paths with it, so it
///   must be, and is, proved too). This is what makes the seed's properties inductive: it rules
///   out, e.g., a task status only `grow-fail-irqs-on` reaches;
/// - every other state property of Documentation/Model.md (Properties; each is a kernel consistency check; together they
///   rule out most unreachable states a lone property would admit);
/// - each `AuxiliaryInvariant`: what those checks take for granted, added where a counterexample
///   to induction showed it missing;
/// - `free-objects-band`: `free_objects` stays where the encoding is exact (`EncodingWidth`). It
///   is the one conjunct the proof cannot do without: if the base case refutes it, nothing is
///   proved and every open property ends `unknown`.
/// The cells no step changes are constants of the encoding; that is proved by construction (the
/// fixpoint in `TransitionSystem` found no feasible path that changes them).
///
/// Base case: no state within k−1 steps breaks the invariant and no step within them breaks a
/// checked step property. Step case: for any path s_0 … s_k of pairwise distinct states whose first
/// k states satisfy the invariant and whose first k−1 steps break no checked step property, s_k
/// satisfies it and step k breaks none. Both unsat: every conjunct holds in every reachable state.
/// A strengthening conjunct the base case refutes is dropped (and reported), and the search goes on
/// without it; a checked property the base case refutes is violated, with the trace.
public final class Induction {
    public let system: TransitionSystem
    /// The solver of both the base and the step case.
    public let flavor: Solver.Flavor
    /// Extra parameters (e.g. `rlimit`) for both solvers, set before their first check.
    public var solverParameters: [(name: String, value: UInt32)] = []
    /// Hears what the engine is doing (its `depth` is k): before each check and relation, and
    /// after each k whose step case did not go through.
    public var progress: ((SymbolicProgress) -> Void)?

    public init(system: TransitionSystem, flavor: Solver.Flavor = BoundedModelChecker.incrementalSAT) {
        self.system = system
        self.flavor = flavor
    }

    /// What induction found, per property: by `BuiltInProperty` or, for any property, by name.
    public struct Result<Key: Hashable> {
        public var verdicts: [Key: SymbolicVerdict]
        /// The strengthening conjuncts used (and so proved, when the proof went through).
        public var strengthening: [String]
        /// Strengthening conjuncts the base case refuted.
        public var dropped: [String]
        /// Why the step case failed at the last k tried, when that is how the run ended.
        public var counterexampleToInduction: CounterexampleToInduction?
        /// Every check of the step case, in order: where a proof that does not go through spends
        /// its time, and which conjuncts it did clear.
        public var stepChecks: [StepCheck] = []
        public var k: Int
        public var seconds: Double
    }

    /// One check of the step case: that no path of `k` steps from states satisfying the invariant
    /// ends in a state that breaks `conjunct` (or, for a step property, in a step that breaks it).
    public struct StepCheck: Sendable {
        public var conjunct: String
        /// The parts of the conjunct (`Term.conjuncts`), each checked on its own.
        public var parts: Int
        /// The parts cleared before the answer: all of them when it is unsat, else how far the
        /// check got, which tells a slow proof from one that stalls on a particular part.
        public var cleared: Int
        public var k: Int
        public var seconds: Double
        /// unsat: cleared; sat: a counterexample to induction (at this k); unknown: not decided.
        public var answer: CheckResult
    }

    /// One conjunct of the invariant.
    struct Conjunct {
        var name: String
        /// A property of Documentation/Model.md or the user's (not `ranges`): refuting it in the base case is a
        /// counterexample when it is checked.
        var isProperty: Bool
        var checked: Bool
        /// That the conjunct holds at a frame.
        var holds: (Frame) throws -> Term
    }

    /// the model's properties, each counterexample confirmed on the concrete model.
    public func run(properties: [BuiltInProperty], maxK: Int, deadline: Deadline = Deadline(seconds: nil))
        throws(SymbolicError) -> Result<BuiltInProperty>
    {
        var named: [SymbolicProperty] = []
        for p in properties { named.append(try system.symbolic(p)) }
        let result = try run(named, maxK: maxK, deadline: deadline) { (actions, name) throws(SymbolicError) in
            if let property = BuiltInProperty(rawValue: name) {
                try BoundedModelChecker(system: system).confirm(actions, breaks: property)
            }
        }
        var verdicts: [BuiltInProperty: SymbolicVerdict] = [:]
        for p in properties { verdicts[p] = result.verdicts[p.rawValue] }
        return Result(
            verdicts: verdicts, strengthening: result.strengthening, dropped: result.dropped,
            counterexampleToInduction: result.counterexampleToInduction, stepChecks: result.stepChecks, k: result.k,
            seconds: result.seconds)
    }

    /// Proves `properties` (with the strengthening above) or refutes them; `confirm` must throw
    /// for a base-case run that does not break the property concretely.
    public func run(
        _ properties: [SymbolicProperty], maxK: Int, deadline: Deadline = Deadline(seconds: nil),
        excluding excluded: Set<String> = [], confirm: ([SlabAction], String) throws(SymbolicError) -> Void
    ) throws(SymbolicError) -> Result<String> {
        var checks: [StepCheck] = []
        var result = try search(
            properties, maxK: maxK, deadline: deadline, excluding: excluded, stepChecks: &checks, confirm: confirm)
        // A restart's result already holds its own checks, made after these.
        result.stepChecks = checks + result.stepChecks
        return result
    }

    private func search(
        _ properties: [SymbolicProperty], maxK: Int, deadline: Deadline, excluding excluded: Set<String>,
        stepChecks: inout [StepCheck], confirm: ([SlabAction], String) throws(SymbolicError) -> Void
    ) throws(SymbolicError) -> Result<String> {
        let started = ContinuousClock.now
        let ticker = ProgressTicker(progress)
        let context = system.context
        var verdicts: [String: SymbolicVerdict] = [:]
        var dropped = excluded.sorted()
        let checkedNames = Set(properties.map(\.name))
        // The deepest depth the base case has cleared: what a time limit later still bounds.
        var baseCleared = -1
        do {
            let system = system
            // Every state of the unrollings is assumed to satisfy the state properties that are
            // conjuncts: the base case shows it depth by depth, the step case assumes it.
            try system.assume(SlabProperties.stateProperties.filter { !excluded.contains($0.rawValue) })
            // The widened box and the step case's relation from it: on medium, most of the run.
            ticker.report(.building, depth: 1)
            let ranges = try system.rangeInvariant(deadline: deadline)
            let band = try system.freeObjectsInBand()
            var conjuncts = [
                Conjunct(name: "ranges", isProperty: false, checked: false) { f in try system.instantiate(ranges, at: f)
                },
                Conjunct(name: Self.band, isProperty: false, checked: false) { f in try system.instantiate(band, at: f)
                },
            ]
            for invariant in AuxiliaryInvariant.allCases where !excluded.contains(invariant.rawValue) {
                let h = system.holds(invariant)
                conjuncts.append(
                    Conjunct(name: invariant.rawValue, isProperty: false, checked: false) { f in try h(f.state) })
            }
            for p in SlabProperties.stateProperties where !excluded.contains(p.rawValue) {
                guard let h = system.holds(p) else { continue }
                conjuncts.append(
                    Conjunct(name: p.rawValue, isProperty: true, checked: checkedNames.contains(p.rawValue)) { f in
                        try h(f.state)
                    })
            }
            for p in properties where !conjuncts.contains(where: { $0.name == p.name }) {
                guard let h = p.holds else { continue }
                conjuncts.append(Conjunct(name: p.name, isProperty: true, checked: true) { f in try h(f.state) })
            }
            let stepProperties = properties.filter { $0.violation != nil }

            let base = try Solver(context, flavor: flavor)
            let step = try Solver(context, flavor: flavor)
            for (name, value) in solverParameters {
                try base.setParameter(name, value)
                try step.setParameter(name, value)
            }
            var baseFrames = [try system.frame(step: 0, prefix: "b")]
            try base.assert(system.isInitial(baseFrames[0]))
            var stepFrames = [try system.frame(anyReachableTakingAStep: 0, prefix: "y")]
            var stepCleared: Set<String> = []

            for k in 1...max(1, maxK) {
                // Base case at depth k-1.
                let d = k - 1
                if d > 0 {
                    ticker.report(.building, depth: k)
                    baseFrames.append(try system.frame(step: d, prefix: "b", deadline: deadline))
                    try base.assert(system.transition(from: baseFrames[d - 1], to: baseFrames[d], deadline: deadline))
                }
                var baseBad: [(Int?, String?, Term)] = []
                for (i, c) in conjuncts.enumerated() {
                    baseBad.append((i, c.isProperty ? c.name : nil, try c.holds(baseFrames[d]).not()))
                }
                if d > 0 {
                    for p in stepProperties {
                        if let v = p.violation {
                            baseBad.append(
                                (nil, p.name, try system.violation(v, from: baseFrames[d - 1], to: baseFrames[d])))
                        }
                    }
                }
                var refuted: [Int] = []
                for (index, property, term) in baseBad {
                    let name = index.map { conjuncts[$0].name } ?? property ?? ""
                    let answer = try ticker.check("base case, \(name)", depth: k) { () throws(Z3Error) in
                        try base.check(assuming: term, within: deadline)
                    }
                    switch answer {
                    case .unsat: continue
                    case .unknown(let reason):
                        return finish(
                            verdicts, properties, conjuncts, dropped, k, started,
                            notProved: .z3(reason, "in the base case at depth \(d)"), depth: d - 1)
                    case .sat:
                        let z3model = try base.model()
                        var actions: [SlabAction] = []
                        for i in 0..<d {
                            guard let a = try system.action(of: baseFrames[i], in: z3model) else {
                                throw SymbolicError.internalError("base case: step \(i + 1) names no action")
                            }
                            actions.append(a)
                        }
                        if let property, index == nil || conjuncts[index ?? 0].checked {
                            try confirm(actions, property)
                            verdicts[property] = .violated(actions: actions)
                        }
                        if let index { refuted.append(index) }
                    }
                }
                if refuted.contains(where: { conjuncts[$0].name == Self.band }) {
                    return finish(
                        verdicts, properties, [], dropped, k, started,
                        notProved: .unknown(
                            "free_objects leaves ±\(system.width.band) within \(d) steps, where a \(system.width.bits)-bit encoding is no longer exact"
                        ),
                        depth: d - 1)
                }
                // A refuted conjunct is no invariant: drop it (a checked one is violated, above).
                for index in refuted.sorted(by: >) {
                    if !conjuncts[index].checked { dropped.append(conjuncts[index].name) }
                    conjuncts.remove(at: index)
                }
                if conjuncts.allSatisfy({ !$0.checked }) && stepProperties.allSatisfy({ verdicts[$0.name] != nil }) {
                    return finish(verdicts, properties, conjuncts, dropped, k, started, notProved: nil, depth: d)
                }
                if !refuted.isEmpty {
                    // The step solver assumed the refuted conjuncts: start it again without them.
                    let gone = Set(dropped).union(verdicts.keys)
                    return try restart(
                        properties, maxK: maxK, deadline: deadline, verdicts: verdicts, excluding: gone,
                        started: started,
                        confirm: confirm)
                }
                baseCleared = d

                // Step case with k steps.
                if k > 1 {
                    let prev = stepFrames[k - 2]
                    for c in conjuncts { try step.assert(c.holds(stepFrames[k - 1])) }
                    for p in stepProperties where verdicts[p.name] == nil {
                        if let v = p.violation {
                            try step.assert(system.violation(v, from: prev, to: stepFrames[k - 1]).not())
                        }
                    }
                } else {
                    for c in conjuncts { try step.assert(c.holds(stepFrames[0])) }
                }
                stepFrames.append(try system.frame(anyReachable: k, prefix: "y"))
                try step.assert(system.transition(from: stepFrames[k - 1], to: stepFrames[k]))
                for i in 0..<k {
                    try step.assert(distinct(stepFrames[i], stepFrames[k]))
                }
                // One check per part (`Term.conjuncts`) of each conjunct still open, each under a
                // literal of its own, as the base case does: small's conservation takes 5.5 s as
                // 24 parts against 7.4 s whole, and a part that fails names where the proof breaks.
                // A conjunct the step case clears at k stays cleared at every larger k (a longer
                // path's last k states are a shorter one's), so only the others are asked again.
                var bad: [(name: String, parts: [Term])] = []
                for c in conjuncts where !stepCleared.contains(c.name) {
                    var parts: [Term] = []
                    for part in try c.holds(stepFrames[k]).conjuncts() { parts.append(try part.not()) }
                    bad.append((c.name, parts))
                }
                for p in stepProperties where verdicts[p.name] == nil && !stepCleared.contains(p.name) {
                    if let v = p.violation {
                        bad.append((p.name, [try system.violation(v, from: stepFrames[k - 1], to: stepFrames[k])]))
                    }
                }
                var allCleared = true
                conjunctLoop: for (name, parts) in bad {
                    let asked = ContinuousClock.now
                    for (done, term) in parts.enumerated() {
                        let asking = parts.count == 1 ? name : "\(name), part \(done + 1) of \(parts.count)"
                        let answer = try ticker.check("step case, \(asking)", depth: k) { () throws(Z3Error) in
                            try step.check(assuming: term, within: deadline)
                        }
                        switch answer {
                        case .unsat:
                            // Every state the step case admits satisfies this part, so asserting it
                            // removes no model; it hands the later parts a fact about the new state
                            // (conservation, checked last, gets the free chains' shape).
                            try step.assert(term.not())
                            continue
                        case .unknown(let reason):
                            stepChecks.append(
                                StepCheck(
                                    conjunct: name, parts: parts.count, cleared: done, k: k,
                                    seconds: seconds(since: asked), answer: answer))
                            return finish(
                                verdicts, properties, conjuncts, dropped, k, started,
                                notProved: .z3(
                                    reason, "in the step case for k = \(k) on \(name), \(cleared(stepCleared))"),
                                depth: d)
                        case .sat:
                            stepChecks.append(
                                StepCheck(
                                    conjunct: name, parts: parts.count, cleared: done, k: k,
                                    seconds: seconds(since: asked), answer: answer))
                            allCleared = false
                            guard k == max(1, maxK) else { break conjunctLoop }
                            let z3model = try step.model()
                            var failing: [String] = []
                            for c in conjuncts where try z3model.boolValue(of: c.holds(stepFrames[k])) == false {
                                failing.append(c.name)
                            }
                            let cti = try CounterexampleToInduction(
                                frames: stepFrames, failing: failing, in: z3model, system: system)
                            let named = failing.isEmpty ? name : failing.joined(separator: ", ")
                            var result = finish(
                                verdicts, properties, conjuncts, dropped, k, started,
                                notProved: .bounded(.notInductive(k: k, breaking: named)), depth: d)
                            result.counterexampleToInduction = cti
                            return result
                        }
                    }
                    stepChecks.append(
                        StepCheck(
                            conjunct: name, parts: parts.count, cleared: parts.count, k: k,
                            seconds: seconds(since: asked), answer: .unsat))
                    stepCleared.insert(name)
                }
                if allCleared {
                    return finish(verdicts, properties, conjuncts, dropped, k, started, notProved: nil, depth: d)
                }
                ticker.report(.reached, depth: k)
            }
        } catch let error as Z3Error {
            // The C API refused a call: no claim about what is left, in Z3's words.
            return finish(
                verdicts, properties, [], dropped, 0, started, notProved: .unknown("Z3 error: \(error)"), depth: -1)
        } catch SymbolicError.timeLimit(let reason) {
            let bound = Interruption.signal.map(Bound.signal) ?? .relation(why: reason)
            return finish(verdicts, properties, [], dropped, 0, started, notProved: .bounded(bound), depth: baseCleared)
        } catch SymbolicError.pathExplosion(let reason) {
            return finish(
                verdicts, properties, [], dropped, 0, started, notProved: .unknown(reason), depth: baseCleared)
        } catch {
            throw .from(error)
        }
        return finish(
            verdicts, properties, [], dropped, maxK, started,
            notProved: .bounded(.notInductive(k: 0, breaking: "nothing: no k was tried")), depth: -1)
    }

    private func restart(
        _ properties: [SymbolicProperty], maxK: Int, deadline: Deadline, verdicts: [String: SymbolicVerdict],
        excluding: Set<String>, started: ContinuousClock.Instant,
        confirm: ([SlabAction], String) throws(SymbolicError) -> Void
    ) throws(SymbolicError) -> Result<String> {
        // Only reached for a model where some state property fails: run again on what is left.
        let remaining = properties.filter { verdicts[$0.name] == nil }
        var result = try run(remaining, maxK: maxK, deadline: deadline, excluding: excluding, confirm: confirm)
        for (p, v) in verdicts { result.verdicts[p] = v }
        result.seconds = seconds(since: started)
        return result
    }

    /// What the step case had cleared when it stopped, for the reason a run gives.
    func cleared(_ names: Set<String>) -> String {
        names.isEmpty
            ? "before it had cleared any conjunct" : "having cleared \(names.sorted().joined(separator: ", "))"
    }

    func distinct(_ a: Frame, _ b: Frame) throws(Z3Error) -> Term {
        var parts: [Term] = []
        for c in 0..<a.cells.count {
            if let x = a.cells[c], let y = b.cells[c] { parts.append(try x.neq(y)) }
        }
        return try system.context.or(parts)
    }

    /// The name of the band conjunct.
    static let band = "free-objects-band"

    /// Why a run ends with properties neither violated nor proved.
    enum NotProved {
        /// The step case failed or time ran out: the base case still bounds them.
        case bounded(Bound)
        /// Z3 could not decide, or the encoding stopped being exact: nothing is claimed.
        case unknown(String)

        /// Z3's `unknown` for `reason`: a time limit or a signal only bounds, anything else
        /// claims nothing.
        static func z3(_ reason: Unknown, _ place: String) -> NotProved {
            if let signal = Interruption.signal { return .bounded(.signal(signal)) }
            return reason.isCallersLimit
                ? .bounded(.timeLimit(during: "in Z3 \(place)")) : .unknown("Z3 \(reason) \(place)")
        }
    }

    /// Ends the run: a property neither violated nor proved is `bounded` by the base case's depth
    /// or `unknown`, as `notProved` says.
    private func finish(
        _ verdicts: [String: SymbolicVerdict], _ properties: [SymbolicProperty], _ conjuncts: [Conjunct],
        _ dropped: [String], _ k: Int, _ started: ContinuousClock.Instant, notProved: NotProved?, depth: Int
    ) -> Result<String> {
        var verdicts = verdicts
        let strengthening = conjuncts.filter { !$0.checked }.map(\.name)
        for p in properties where verdicts[p.name] == nil {
            switch notProved {
            case .bounded(let bound):
                verdicts[p.name] = .bounded(depth: depth, bound: bound)
            case .unknown(let reason):
                verdicts[p.name] = .unknown(reason: reason)
            case nil:
                verdicts[p.name] = .holds(
                    proof:
                        "k-induction, k = \(k), strengthened with \(strengthening.isEmpty ? "nothing" : strengthening.joined(separator: ", "))"
                )
            }
        }
        return Result(
            verdicts: verdicts, strengthening: strengthening, dropped: dropped, counterexampleToInduction: nil, k: k,
            seconds: seconds(since: started))
    }
}
