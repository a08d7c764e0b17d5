import ModelKit
import SlabModel
import Z3Kit

/// What a symbolic engine says of one property.
public enum SymbolicVerdict: Equatable, Sendable, CustomStringConvertible {
    /// Proved for every reachable state; the text says how (method, k, strengthening).
    case holds(proof: String)
    /// A counterexample of `actions.count` steps, replayed on the concrete model.
    case violated(actions: [SlabAction])
    /// Nothing breaks the property within `depth` steps (-1: not even the initial state was
    /// judged); `reason` says why the search stopped there.
    case bounded(depth: Int, bound: Bound)
    /// Z3 could not decide, for `reason` (its own words).
    case unknown(reason: String)

    public var description: String {
        switch self {
        case .holds(let proof): "holds (\(proof))"
        case .violated(let actions): "violated in \(actions.count) steps"
        case .bounded(let depth, let bound) where depth < 0: "bounded: nothing checked (\(bound))"
        case .bounded(let depth, let bound): "bounded: nothing within \(depth) steps (\(bound))"
        case .unknown(let reason): "unknown (\(reason))"
        }
    }
}

/// Bounded model checking: unrolls the transition relation from the initial state and asks Z3,
/// depth by depth from 0, for a run whose state at depth k breaks a state property or whose k-th
/// step breaks a step property. The first depth that answers sat is the shortest counterexample;
/// each one is replayed on the concrete model before it is reported.
public final class BoundedModelChecker {
    public let system: TransitionSystem
    public let flavor: Solver.Flavor
    /// Extra solver parameters (e.g. `rlimit`), set before the first check.
    public var solverParameters: [(name: String, value: UInt32)] = []
    /// Hears what the engine is doing: before each check and relation, and after each depth.
    public var progress: ((SymbolicProgress) -> Void)?

    /// Z3's incremental SAT solver for bit-vectors (`QF_FD`): each step of the unrolling is
    /// bit-blasted once, when it is added, and what the solver learned at one depth carries over
    /// to the next. On tiny to depth 6 it takes a third of the time of re-running a
    /// bit-blasting tactic pipeline from scratch at each depth, and a fifth of the SMT core's.
    public static let incrementalSAT = Solver.Flavor.logic("QF_FD")

    public init(system: TransitionSystem, flavor: Solver.Flavor = BoundedModelChecker.incrementalSAT) {
        self.system = system
        self.flavor = flavor
    }

    /// What BMC found, per property: by `BuiltInProperty` or, for any property, by name.
    public struct Result<Key: Hashable> {
        public var verdicts: [Key: SymbolicVerdict]
        /// The deepest depth fully checked.
        public var depthReached: Int
        public var seconds: Double
    }

    /// the model's properties, each counterexample confirmed on the concrete model.
    public func run(properties: [BuiltInProperty], depth maxDepth: Int, deadline: Deadline = Deadline(seconds: nil))
        throws(SymbolicError) -> Result<BuiltInProperty>
    {
        var named: [SymbolicProperty] = []
        for p in properties { named.append(try system.symbolic(p)) }
        let result = try run(named, depth: maxDepth, deadline: deadline) { (actions, name) throws(SymbolicError) in
            if let property = BuiltInProperty(rawValue: name) { try confirm(actions, breaks: property) }
        }
        var verdicts: [BuiltInProperty: SymbolicVerdict] = [:]
        for p in properties { verdicts[p] = result.verdicts[p.rawValue] }
        return Result(verdicts: verdicts, depthReached: result.depthReached, seconds: result.seconds)
    }

    /// Unrolls depth by depth from the initial state, so the first run found for a property is a
    /// shortest one; `confirm` must throw for a run that does not break the property concretely.
    ///
    /// What one depth proves, the next assumes: once no state within k steps breaks a property
    /// (or leaves `free_objects`'s band), every state at depth k satisfies it, and saying so to
    /// the solver prunes the runs it must refute deeper without losing any reachable one. The
    /// relation is built for such states only (`TransitionSystem.assume`, with the properties
    /// `prunedWith` keeps): every built-in state property is checked along, asked for or not,
    /// and while none is broken the explorer drops the paths that only a state breaking one could
    /// take. A run that breaks a property the relation was built for starts the unrolling again
    /// without it, for the properties still open.
    public func run(
        _ properties: [SymbolicProperty], depth maxDepth: Int, deadline: Deadline = Deadline(seconds: nil),
        confirm: ([SlabAction], String) throws(SymbolicError) -> Void
    ) throws(SymbolicError) -> Result<String> {
        let started = ContinuousClock.now
        let ticker = ProgressTicker(progress)
        var verdicts: [String: SymbolicVerdict] = [:]
        var assumed = SlabProperties.stateProperties
        var reached = -1
        while true {
            let open = properties.filter { verdicts[$0.name] == nil }
            guard !open.isEmpty else { break }
            try system.assume(prunedWith(assumed))
            var auxiliaries: [SymbolicProperty] = []
            for p in assumed where !open.contains(where: { $0.name == p.rawValue }) && verdicts[p.rawValue] == nil {
                auxiliaries.append(try system.symbolic(p))
            }
            let broken: Set<String>
            (reached, broken) = try unroll(
                open, auxiliaries, depth: maxDepth, deadline: deadline, cleared: reached, ticker: ticker,
                verdicts: &verdicts,
                confirm: confirm)
            guard !broken.isEmpty else { break }
            assumed.removeAll { broken.contains($0.rawValue) }
        }
        return Result(verdicts: verdicts, depthReached: reached, seconds: seconds(since: started))
    }

    /// One unrolling, with the relation as `system` assumes it: every open property gets its
    /// verdict, unless a run breaks an assumed one (checked or auxiliary), which ends it at that
    /// depth with the names of those broken; open properties not violated there stay open.
    /// `cleared` is the depth an earlier unrolling showed them to hold through: a bound found
    /// here is never less.
    private func unroll(
        _ properties: [SymbolicProperty], _ auxiliaries: [SymbolicProperty], depth maxDepth: Int, deadline: Deadline,
        cleared: Int,
        ticker: ProgressTicker, verdicts: inout [String: SymbolicVerdict],
        confirm: ([SlabAction], String) throws(SymbolicError) -> Void
    ) throws(SymbolicError) -> (reached: Int, broken: Set<String>) {
        let context = system.context
        let assumed = Set(system.assumed.map(\.rawValue))
        var open = properties
        var aux = auxiliaries
        var broken: Set<String> = []
        var reached = cleared
        do {
            let solver = try Solver(context, flavor: flavor)
            for (name, value) in solverParameters { try solver.setParameter(name, value) }
            var frames = [try system.frame(step: 0, prefix: "x")]
            // Depth k's bad states and steps, and its `free_objects` out of band.
            var bad: [(SymbolicProperty, Term)] = []
            var outOfBand = try context.bool(false)
            try solver.assert(system.isInitial(frames[0]))
            depthLoop: for k in 0...max(maxDepth, 0) {
                if k > 0 {
                    // Step k's relation is built now: a run that is out of time or paths here still
                    // bounds every open property by the depths already checked.
                    let step: Term
                    ticker.report(.building, depth: k)
                    do throws(SymbolicError) {
                        frames.append(try system.frame(step: k, prefix: "x", deadline: deadline))
                        step = try system.transition(from: frames[k - 1], to: frames[k], deadline: deadline)
                    } catch {
                        switch error {
                        case .timeLimit(let reason), .pathExplosion(let reason):
                            let bound = Interruption.signal.map(Bound.signal) ?? .relation(why: "step \(k): \(reason)")
                            for p in open { verdicts[p.name] = .bounded(depth: reached, bound: bound) }
                            open = []
                            break depthLoop
                        default:
                            throw error
                        }
                    }
                    try solver.assert(step)
                    try solver.assert(system.instantiate(system.rangeInvariant(afterSteps: k), at: frames[k]))
                    // What depth k - 1 was just shown to satisfy, the next depths assume.
                    try solver.assert(outOfBand.not())
                    for (p, term) in bad where (open + aux).contains(where: { $0.name == p.name }) {
                        try solver.assert(term.not())
                    }
                }
                outOfBand = try system.instantiate(system.freeObjectsInBand(), at: frames[k]).not()
                bad = []
                do {
                    for p in open + aux {
                        if let h = p.holds {
                            bad.append((p, try h(frames[k].state).not()))
                        } else if k > 0, let v = p.violation {
                            bad.append((p, try system.violation(v, from: frames[k - 1], to: frames[k])))
                        }
                    }
                } catch SymbolicError.timeLimit {
                    // A property too costly to build within the time left bounds like a solver's time-out.
                    let bound: Bound =
                        Interruption.signal.map(Bound.signal)
                        ?? .timeLimit(during: "building the properties of depth \(k)")
                    for p in open { verdicts[p.name] = .bounded(depth: reached, bound: bound) }
                    open = []
                    break depthLoop
                }
                if !bad.isEmpty {
                    if deadline.expired {
                        let bound = Interruption.signal.map(Bound.signal) ?? .timeLimit(during: "before depth \(k)")
                        for p in open { verdicts[p.name] = .bounded(depth: reached, bound: bound) }
                        open = []
                        break depthLoop
                    }
                    // What a run breaks at depth k: violated if asked for, no longer assumed.
                    func record(_ p: SymbolicProperty, _ z3model: Z3Kit.Assignment) throws {
                        if open.contains(where: { $0.name == p.name }) {
                            let actions = try trace(in: z3model, frames, k)
                            try confirm(actions, p.name)
                            verdicts[p.name] = .violated(actions: actions)
                            open.removeAll { $0.name == p.name }
                        }
                        aux.removeAll { $0.name == p.name }
                        broken.insert(p.name)
                    }
                    // One check per property, asked ones first: the violation of one property is
                    // easier to refute than the disjunction of all of them (small's
                    // shared-counts-free: 9.7 s instead of 18–27 s), and each finds its own
                    // shortest run. A run that keeps free_objects in its band is exact.
                    let inBand = try outOfBand.not()
                    for (p, term) in bad {
                        // Once nothing asked for is open, what the auxiliaries do no longer matters.
                        if open.isEmpty { break }
                        try deadline.apply(to: solver)
                        let (answer, found) = try ticker.check(p.name, depth: k) { () throws(Z3Error) in
                            try check(solver, context.and([term, inBand]))
                        }
                        switch answer {
                        case .unsat: continue
                        case .unknown(let reason):
                            // Depth k is not shown, so nothing deeper can be.
                            Self.stop(&verdicts, open, reached, reason, depth: k)
                            open = []
                            break depthLoop
                        case .sat:
                            guard let found else {
                                throw SymbolicError.internalError("Z3 answered sat without a model")
                            }
                            try record(p, found)
                        }
                    }
                    // Outside the band the encoding is no longer exact: what the checks above
                    // refuted there is not shown.
                    if !open.isEmpty {
                        try deadline.apply(to: solver)
                        let answer = try ticker.check("free_objects' band", depth: k) { () throws(Z3Error) in
                            try check(solver, outOfBand).answer
                        }
                        switch answer {
                        case .unsat: break
                        case .unknown(let reason):
                            Self.stop(&verdicts, open, reached, reason, depth: k)
                            open = []
                            break depthLoop
                        case .sat:
                            let reason =
                                "free_objects may leave ±\(system.width.band) at depth \(k), where a \(system.width.bits)-bit encoding is no longer exact"
                            for p in open { verdicts[p.name] = .unknown(reason: reason) }
                            open = []
                            break depthLoop
                        }
                    }
                    broken.formIntersection(assumed)
                }
                reached = max(reached, k)
                ticker.report(.reached, depth: reached)
                if open.isEmpty || !broken.isEmpty { break }
                // Step k + 1's relation is explored from box k: narrowed to the hull of what the
                // runs reach, it leaves out the paths of states that none reaches.
                if k >= 1, k < maxDepth {
                    var facts = [try outOfBand.not()]
                    for (_, term) in bad { facts.append(try term.not()) }
                    let hull = try ticker.check("the reachable ranges", depth: k) {
                        try reachableHull(solver, frame: frames[k], depth: k, given: facts, deadline: deadline)
                    }
                    if let hull, system.narrow(box: k, to: hull) {
                        try solver.assert(system.instantiate(system.rangeInvariant(afterSteps: k), at: frames[k]))
                    }
                }
            }
        } catch let error as SymbolicError {
            throw error
        } catch let error as Z3Error {
            // The C API refused a call: no claim about what is left, in Z3's words.
            for p in open where verdicts[p.name] == nil {
                verdicts[p.name] = .unknown(reason: "Z3 error at depth \(reached + 1): \(error)")
            }
            return (reached, [])
        } catch {
            throw .internalError("\(error)")
        }
        guard broken.isEmpty else { return (reached, broken) }
        for p in open { verdicts[p.name] = .bounded(depth: reached, bound: .depth(maxDepth)) }
        return (reached, [])
    }

    /// Whether `term` is satisfiable with the unrolling, in a scope of its own, with Z3's model
    /// when it is (taken before the scope ends).
    func check(_ solver: Solver, _ term: Term) throws(Z3Error) -> (answer: CheckResult, model: Z3Kit.Assignment?) {
        try solver.push()
        try solver.assert(term)
        let answer = try solver.check()
        let model = answer == .sat ? try solver.model() : nil
        try solver.pop()
        return (answer, model)
    }

    /// The properties BMC builds its relation for, of those it asserts: all of them, but
    /// `conservation` only while its formula is small (`conservationPruningLimit`).
    ///
    /// BMC explores step k from the hull of what runs reach within k − 1 steps, where
    /// `conservation` drops few paths (medium's step 6: 1,132 paths with it, 1,140 without), so
    /// it pays only while a pruning call with it is cheap.
    func prunedWith(_ assumed: [BuiltInProperty]) -> [BuiltInProperty] {
        let properties = system.model.properties
        let pairs = system.model.layout.objects * properties.placeCount
        return pairs <= conservationPruningLimit ? assumed : assumed.filter { $0 != .conservation }
    }

    /// The most (object, place) pairs `conservation` may compare for BMC to prune with it.
    /// Medium has 432: with it, depth 6 after 43–52 s, without 50–60 s. The kernel-size spec has
    /// 144,000: with it each pruning call took about a second and step 3 did not build in 600 s,
    /// without it BMC reached depth 3 after 166 s (2026-12-07).
    public var conservationPruningLimit = 10_000

    /// The actions of the first `k` frames in `z3model`.
    func trace(in z3model: Z3Kit.Assignment, _ frames: [Frame], _ k: Int) throws -> [SlabAction] {
        var actions: [SlabAction] = []
        for i in 0..<k {
            guard let a = try system.action(of: frames[i], in: z3model) else {
                throw SymbolicError.internalError("step \(i + 1) of a Z3 counterexample names no action")
            }
            actions.append(a)
        }
        return actions
    }

    /// Bounds every open property where Z3 answered `unknown` at `depth`: by a signal or the
    /// caller's time limit, or, for any other reason, `unknown`.
    static func stop(
        _ verdicts: inout [String: SymbolicVerdict], _ open: [SymbolicProperty], _ reached: Int, _ reason: Unknown,
        depth: Int
    ) {
        for p in open {
            if let signal = Interruption.signal {
                verdicts[p.name] = .bounded(depth: reached, bound: .signal(signal))
            } else if reason.isCallersLimit {
                verdicts[p.name] = .bounded(depth: reached, bound: .timeLimit(during: "in Z3 at depth \(depth)"))
            } else {
                verdicts[p.name] = .unknown(reason: "Z3 answered unknown at depth \(depth): \(reason)")
            }
        }
    }

    /// Replays `actions` on the concrete model and checks that the last step breaks `property`.
    public func confirm(_ actions: [SlabAction], breaks property: BuiltInProperty) throws(SymbolicError) {
        let model = system.model
        var state = SlabState.initial(model.layout)
        var stepBroken = PropertySet()
        for (i, action) in actions.enumerated() {
            guard let outcome = model.step(action, from: state) else {
                throw .internalError(
                    "Z3 counterexample for \(property.rawValue): step \(i + 1), \(action), is not enabled on the concrete model"
                )
            }
            state = outcome.state
            stepBroken = outcome.violations
        }
        let broken = model.violations(in: state).union(actions.isEmpty ? [] : stepBroken)
        guard broken.contains(property.set) else {
            throw .internalError(
                "Z3 counterexample for \(property.rawValue) in \(actions.count) steps does not break it on the concrete model: "
                    + actions.map(\.description).joined(separator: "; "))
        }
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
