import ModelKit
import SlabModel
import Z3Kit

/// k-induction on the merged circuit, with one incremental solver for the base case and one for
/// the step case, each conjunct asked under an assumption literal.
///
/// The invariant proved is the conjunction of the checked properties and a strengthening, each
/// part of which is proved with them, never assumed:
/// - `ranges`: while the run goes on, every cell lies in its packed range (the step marks a state
///   that leaves them `corrupt`, so this holds by construction, but the step case must be told);
/// - every other state property of the model;
/// - each `AuxiliaryInvariant`;
/// - `free-objects-band`: `free_objects` stays where the encoding is exact (`EncodingWidth`).
///
/// Base case: no state within k−1 steps breaks the invariant, no step within them a checked step
/// property. Step case: for any path s_0 … s_k of pairwise distinct states whose first k satisfy
/// the invariant and whose first k−1 steps break no checked step property, s_k satisfies it and
/// step k breaks none. A strengthening conjunct the base case refutes is dropped (and reported)
/// and the search starts again without it; a checked property it refutes is violated.
public final class KInduction {
    public let system: TransitionSystem
    public let circuit: Circuit
    public var flavor = BoundedModelChecker.incrementalSAT
    /// Hears what the engine is doing (its `depth` is k): before each check, and after each k
    /// whose step case did not go through.
    public var progress: ((SymbolicProgress) -> Void)?

    public init(system: TransitionSystem, circuit: Circuit) {
        self.system = system
        self.circuit = circuit
    }

    /// One conjunct of the invariant.
    struct Conjunct {
        var name: String
        /// A property (the model's or the user's): refuting it in the base case is a
        /// counterexample when it is checked.
        var isProperty: Bool
        var checked: Bool
        var holds: (CircuitFrame) throws -> Term
        /// That it fails at a frame, when there is a cheaper way to say so than `holds`'s negation.
        var broken: ((CircuitFrame) throws -> Term)? = nil

        func fails(at frame: CircuitFrame) throws -> Term {
            try broken?(frame) ?? holds(frame).not()
        }
    }

    /// The model's properties, each counterexample confirmed on the concrete model.
    public func run(properties: [BuiltInProperty], maxK: Int, deadline: Deadline = .none)
        throws(SymbolicError) -> Induction.Result<BuiltInProperty>
    {
        var named: [SymbolicProperty] = []
        for p in properties { named.append(try system.symbolic(p)) }
        let checker = BoundedModelChecker(system: system)
        let result = try run(named, maxK: maxK, deadline: deadline) { (actions, name) throws(SymbolicError) in
            if let property = BuiltInProperty(rawValue: name) { try checker.confirm(actions, breaks: property) }
        }
        var verdicts: [BuiltInProperty: SymbolicVerdict] = [:]
        for p in properties { verdicts[p] = result.verdicts[p.rawValue] }
        return Induction.Result(
            verdicts: verdicts, strengthening: result.strengthening, dropped: result.dropped,
            counterexampleToInduction: result.counterexampleToInduction, stepChecks: result.stepChecks, k: result.k,
            seconds: result.seconds)
    }

    /// Proves `properties` (with the strengthening above) or refutes them; `confirm` must throw
    /// for a base-case run that does not break the property concretely.
    public func run(
        _ properties: [SymbolicProperty], maxK: Int, deadline: Deadline = .none, excluding excluded: Set<String> = [],
        confirm: ([SlabAction], String) throws(SymbolicError) -> Void
    ) throws(SymbolicError) -> Induction.Result<String> {
        let started = ContinuousClock.now
        let ticker = ProgressTicker(progress)
        var verdicts: [String: SymbolicVerdict] = [:]
        var checks: [Induction.StepCheck] = []
        var dropped = excluded.sorted()
        var baseCleared = -1
        var conjuncts: [Conjunct] = []
        func finish(_ k: Int, notProved: Induction.NotProved?, depth: Int) -> Induction.Result<String> {
            let strengthening = conjuncts.filter { !$0.checked }.map(\.name)
            for p in properties where verdicts[p.name] == nil {
                switch notProved {
                case .bounded(let bound): verdicts[p.name] = .bounded(depth: depth, bound: bound)
                case .unknown(let reason): verdicts[p.name] = .unknown(reason: reason)
                case nil:
                    verdicts[p.name] = .holds(
                        proof: "k-induction on the merged circuit, k = \(k), strengthened with "
                            + (strengthening.isEmpty ? "nothing" : strengthening.joined(separator: ", ")))
                }
            }
            return Induction.Result(
                verdicts: verdicts, strengthening: strengthening, dropped: dropped, counterexampleToInduction: nil,
                stepChecks: checks, k: k, seconds: seconds(since: started))
        }
        do {
            conjuncts = try strengthening(for: properties, excluding: excluded)
            let stepProperties = properties.filter { $0.violation != nil }
            let context = system.context
            let base = Unrolling(system: system, circuit: circuit, prefix: "i")
            let step = Unrolling(system: system, circuit: circuit, prefix: "y")
            let baseSolver = try Solver(context, flavor: flavor)
            let stepSolver = try Solver(context, flavor: flavor)
            try base.addFrame(initial: true)
            try step.addFrame()
            var stepCleared: Set<String> = []
            for k in 1...max(1, maxK) {
                // Base case at depth k - 1.
                let d = k - 1
                if d > 0 {
                    try base.addFrame()
                    try baseSolver.assert(base.transition(from: d - 1))
                }
                var refuted: [Int] = []
                var bad: [(index: Int?, property: String?, term: Term)] = []
                for (i, c) in conjuncts.enumerated() {
                    bad.append((i, c.isProperty ? c.name : nil, try c.fails(at: base.frames[d])))
                }
                if d > 0 {
                    for p in stepProperties where verdicts[p.name] == nil {
                        if let v = p.violation { bad.append((nil, p.name, try base.violation(v, from: d - 1))) }
                    }
                }
                for (index, property, term) in bad {
                    let name = index.map { conjuncts[$0].name } ?? property ?? ""
                    let answer = try ticker.check("base case, \(name)", depth: k) { () throws(Z3Error) in
                        try baseSolver.check(assuming: term, within: deadline)
                    }
                    switch answer {
                    case .unsat:
                        continue
                    case .unknown(let reason):
                        return finish(k, notProved: .z3(reason, "in the base case at depth \(d)"), depth: d - 1)
                    case .sat:
                        let actions = try base.actions(to: d, in: baseSolver.model())
                        if let property, index.map({ conjuncts[$0].checked }) ?? true {
                            try confirm(actions, property)
                            verdicts[property] = .violated(actions: actions)
                        }
                        if let index { refuted.append(index) }
                    }
                }
                if refuted.contains(where: { conjuncts[$0].name == Induction.band }) {
                    return finish(
                        k,
                        notProved: .unknown(
                            "free_objects leaves ±\(system.width.band) within \(d) steps, where a \(system.width.bits)-bit encoding is no longer exact"
                        ), depth: d - 1)
                }
                if !refuted.isEmpty {
                    // The step solver assumed the refuted conjuncts: start again without them.
                    for index in refuted where !conjuncts[index].checked { dropped.append(conjuncts[index].name) }
                    let gone = Set(dropped).union(verdicts.keys).union(refuted.map { conjuncts[$0].name })
                    let remaining = properties.filter { verdicts[$0.name] == nil }
                    guard !remaining.isEmpty else { return finish(k, notProved: nil, depth: d) }
                    var result = try run(remaining, maxK: maxK, deadline: deadline, excluding: gone, confirm: confirm)
                    for (p, v) in verdicts { result.verdicts[p] = v }
                    result.stepChecks = checks + result.stepChecks
                    result.seconds = seconds(since: started)
                    return result
                }
                baseCleared = d
                if properties.allSatisfy({ verdicts[$0.name] != nil }) { return finish(k, notProved: nil, depth: d) }

                // Step case with k steps.
                for c in conjuncts { try stepSolver.assert(c.holds(step.frames[k - 1])) }
                if k > 1 {
                    for p in stepProperties where verdicts[p.name] == nil {
                        if let v = p.violation { try stepSolver.assert(step.violation(v, from: k - 2).not()) }
                    }
                }
                try step.addFrame()
                try stepSolver.assert(step.transition(from: k - 1))
                for i in 0..<k { try stepSolver.assert(distinct(step.frames[i], step.frames[k])) }
                var open: [(name: String, term: Term)] = []
                for c in conjuncts where !stepCleared.contains(c.name) {
                    open.append((c.name, try c.fails(at: step.frames[k])))
                }
                for p in stepProperties where verdicts[p.name] == nil && !stepCleared.contains(p.name) {
                    if let v = p.violation { open.append((p.name, try step.violation(v, from: k - 1))) }
                }
                var allCleared = true
                for (name, term) in open {
                    let asked = ContinuousClock.now
                    let answer = try ticker.check("step case, \(name)", depth: k) { () throws(Z3Error) in
                        try stepSolver.check(assuming: term, within: deadline)
                    }
                    checks.append(
                        Induction.StepCheck(
                            conjunct: name, parts: 1, cleared: answer == .unsat ? 1 : 0, k: k,
                            seconds: seconds(since: asked), answer: answer))
                    switch answer {
                    case .unsat:
                        // A conjunct cleared at k stays cleared at every larger k.
                        stepCleared.insert(name)
                        try stepSolver.assert(term.not())
                    case .unknown(let reason):
                        return finish(k, notProved: .z3(reason, "in the step case for k = \(k) on \(name)"), depth: d)
                    case .sat:
                        allCleared = false
                        guard k == max(1, maxK) else { continue }
                        let z3model = try stepSolver.model()
                        var failing: [String] = []
                        for c in conjuncts where try z3model.boolValue(of: c.holds(step.frames[k])) == false {
                            failing.append(c.name)
                        }
                        var states: [SlabState<Int>] = []
                        for i in 0...k { states.append(try step.state(at: i, in: z3model)) }
                        let cti = try CounterexampleToInduction(
                            states: states, actions: step.actions(to: k, in: z3model), failing: failing,
                            model: system.model)
                        var result = finish(
                            k,
                            notProved: .bounded(
                                .notInductive(k: k, breaking: failing.isEmpty ? name : failing.joined(separator: ", "))),
                            depth: d)
                        result.counterexampleToInduction = cti
                        return result
                    }
                }
                if allCleared { return finish(k, notProved: nil, depth: d) }
                ticker.report(.reached, depth: k)
            }
        } catch let error as SymbolicError {
            if case .timeLimit(let reason) = error {
                let bound = Interruption.signal.map(Bound.signal) ?? .relation(why: reason)
                return finish(0, notProved: .bounded(bound), depth: baseCleared)
            }
            throw error
        } catch let error as Z3Error {
            if let signal = Interruption.signal {
                return finish(0, notProved: .bounded(.signal(signal)), depth: baseCleared)
            }
            return finish(0, notProved: .unknown("Z3 error: \(error)"), depth: -1)
        } catch {
            throw .internalError("\(error)")
        }
        return finish(maxK, notProved: .bounded(.notInductive(k: maxK, breaking: "the step case")), depth: baseCleared)
    }

    /// The conjuncts of the invariant: `ranges`, the band, the auxiliary invariants, every state
    /// property of the model, and the checked state properties.
    func strengthening(for properties: [SymbolicProperty], excluding excluded: Set<String>) throws -> [Conjunct] {
        let model = system.model
        let layout = model.layout
        let checked = Set(properties.map(\.name))
        let band = try system.freeObjectsInBand()
        let variables = system.variables
        let context = system.context
        var conjuncts = [
            Conjunct(name: "ranges", isProperty: false, checked: false) { f in
                let state = f.state
                let running = state.cells[layout.crash] == .constant(0)
                return try running.negated.or(model.codec.fitting(state)).term(in: context)
            },
            Conjunct(name: Induction.band, isProperty: false, checked: false) { f in
                try band.substitute(zip(variables, f.values).map { (from: $0, to: $1) })
            },
        ]
        for invariant in AuxiliaryInvariant.allCases where !excluded.contains(invariant.rawValue) {
            let h = system.holds(invariant)
            conjuncts.append(
                Conjunct(name: invariant.rawValue, isProperty: false, checked: false) { f in try h(f.state) })
        }
        let builtIns = try SlabProperties.stateProperties.map { (p) throws(SymbolicError) in try system.symbolic(p) }
        let taken = Set(builtIns.map(\.name) + conjuncts.map(\.name))
        let users = properties.filter { !taken.contains($0.name) }
        for p in builtIns + users where !excluded.contains(p.name) {
            guard let h = p.holds else { continue }
            var conjunct = Conjunct(name: p.name, isProperty: true, checked: checked.contains(p.name)) { f in
                try h(f.state)
            }
            if let broken = p.broken { conjunct.broken = { f in try broken(f.state) } }
            conjuncts.append(conjunct)
        }
        return conjuncts.filter { !excluded.contains($0.name) }
    }

    /// Two frames' states differ somewhere (the step case's paths are simple).
    func distinct(_ a: CircuitFrame, _ b: CircuitFrame) throws(Z3Error) -> Term {
        var parts: [Term] = []
        for (x, y) in zip(a.values, b.values) { parts.append(try x.neq(y)) }
        return try system.context.or(parts)
    }
}
