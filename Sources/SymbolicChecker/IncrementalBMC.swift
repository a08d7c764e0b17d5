import ModelKit
import SlabModel
import Z3Kit

/// Bounded model checking on the merged circuit, with one incremental solver (Eén and
/// Sörensson's temporal induction keeps one too): each depth appends a frame and one copy of the
/// circuit, and each open property is asked under its own assumption literal, so that what the
/// solver learned at one depth and for one property serves the next.
///
/// Depth by depth from 0, so the first run found for a property is a shortest one; each is
/// replayed on the concrete model before it is reported. Once a depth is refuted for a property,
/// "no state at that depth breaks it" is asserted for good: it prunes the deeper runs the solver
/// must refute and loses none that is reachable. Only properties already shown are assumed.
public final class IncrementalBMC {
    public let system: TransitionSystem
    public let circuit: Circuit
    public var flavor = BoundedModelChecker.incrementalSAT
    /// Hears what the engine is doing: before each check, and after each depth.
    public var progress: ((SymbolicProgress) -> Void)?

    public init(system: TransitionSystem, circuit: Circuit) {
        self.system = system
        self.circuit = circuit
    }

    /// The model's properties, each counterexample confirmed on the concrete model.
    public func run(properties: [BuiltInProperty], depth maxDepth: Int, deadline: Deadline = .none)
        throws(SymbolicError) -> BoundedModelChecker.Result<BuiltInProperty>
    {
        var named: [SymbolicProperty] = []
        for p in properties { named.append(try system.symbolic(p)) }
        let checker = BoundedModelChecker(system: system)
        let result = try run(named, depth: maxDepth, deadline: deadline) { (actions, name) throws(SymbolicError) in
            if let property = BuiltInProperty(rawValue: name) { try checker.confirm(actions, breaks: property) }
        }
        var verdicts: [BuiltInProperty: SymbolicVerdict] = [:]
        for p in properties { verdicts[p] = result.verdicts[p.rawValue] }
        return BoundedModelChecker.Result(
            verdicts: verdicts, depthReached: result.depthReached, seconds: result.seconds)
    }

    /// `confirm` must throw for a run that does not break the property concretely.
    public func run(
        _ properties: [SymbolicProperty], depth maxDepth: Int, deadline: Deadline = .none,
        confirm: ([SlabAction], String) throws(SymbolicError) -> Void
    ) throws(SymbolicError) -> BoundedModelChecker.Result<String> {
        let started = ContinuousClock.now
        let ticker = ProgressTicker(progress)
        let context = system.context
        var verdicts: [String: SymbolicVerdict] = [:]
        var open = properties
        var reached = -1
        func bound(_ bound: Bound) {
            for p in open {
                verdicts[p.name] = .bounded(depth: reached, bound: Interruption.signal.map(Bound.signal) ?? bound)
            }
            open = []
        }
        do {
            let unrolling = Unrolling(system: system, circuit: circuit, prefix: "b")
            let solver = try Solver(context, flavor: flavor)
            try unrolling.addFrame(initial: true)
            depthLoop: for k in 0...max(maxDepth, 0) {
                if k > 0 {
                    try solver.assert(unrolling.addImageFrame())
                }
                if deadline.expired {
                    bound(.timeLimit(during: "before depth \(k)"))
                    break
                }
                let inBand = try unrolling.inBand(at: k)
                for p in open {
                    let bad: Term
                    if let holds = p.holds {
                        bad = try holds(unrolling.frames[k].state).not()
                    } else if k > 0, let violation = p.violation {
                        bad = try unrolling.violation(violation, from: k - 1)
                    } else {
                        continue
                    }
                    // A run that keeps free_objects in its band is exact.
                    let asked = try context.and([bad, inBand])
                    let answer = try ticker.check(p.name, depth: k) { () throws(Z3Error) in
                        try solver.check(assuming: asked, within: deadline)
                    }
                    switch answer {
                    case .unsat:
                        try solver.assert(bad.not())
                    case .unknown(let reason):
                        // Depth k is not shown, so nothing deeper can be.
                        BoundedModelChecker.stop(&verdicts, open, reached, reason, depth: k)
                        open = []
                        break depthLoop
                    case .sat:
                        let actions = try unrolling.actions(to: k, in: solver.model())
                        try confirm(actions, p.name)
                        verdicts[p.name] = .violated(actions: actions)
                    }
                }
                open.removeAll { verdicts[$0.name] != nil }
                // Outside the band the encoding is no longer exact: what was refuted there is not shown.
                if !open.isEmpty {
                    let outOfBand = try inBand.not()
                    let answer = try ticker.check("free_objects' band", depth: k) { () throws(Z3Error) in
                        try solver.check(assuming: outOfBand, within: deadline)
                    }
                    switch answer {
                    case .unsat:
                        try solver.assert(inBand)
                    case .unknown(let reason):
                        BoundedModelChecker.stop(&verdicts, open, reached, reason, depth: k)
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
                reached = k
                ticker.report(.reached, depth: k)
                if open.isEmpty { break }
            }
        } catch let error as SymbolicError {
            throw error
        } catch let error as Z3Error {
            // The C API refused a call: no claim about what is left, in Z3's words.
            for p in open where verdicts[p.name] == nil {
                verdicts[p.name] = .unknown(reason: "Z3 error at depth \(reached + 1): \(error)")
            }
            open = []
        } catch {
            throw .internalError("\(error)")
        }
        for p in open { verdicts[p.name] = .bounded(depth: reached, bound: .depth(maxDepth)) }
        return BoundedModelChecker.Result(verdicts: verdicts, depthReached: reached, seconds: seconds(since: started))
    }
}
