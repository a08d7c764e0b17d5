import ModelKit
import SlabModel
import Z3Kit

/// One action's step cut at the model's joins (`Kernel.join`: the refill's loop heads,
/// `free_block`'s objects, reap's drains) into segments, each a merged run of the model's own
/// `slabStep`: from the step's start, or from a join with a state and carried value of the
/// caller's, to the step's end or to the next joins, where it stops and records the state.
///
/// That is the small-block encoding of software model checkers (CPAchecker, ESBMC's k-induction
/// at loop heads): a segment stays the size of one loop iteration however many iterations a step
/// makes, which is what lets induction's step case answer where one merged step does not
/// (Documentation/Design.md, "The merged circuit").
///
/// The joins are found by the segments themselves: each segment's cuts name the joins after it.
/// A segment from a join is run by following a `Route` there, built from a model of the guard of
/// the cut that found the join; a cut whose guard no state satisfies names no join to start from.
struct StepSegments {
    let action: SlabAction
    let model: SlabModel
    /// The segment from the step's start, over `variables`; nil when the action is never enabled.
    let start: MergedStep?
    /// Every join a segment cuts at, in the order found, each with its segment over `variables`
    /// and `carried`, and a route there.
    private(set) var joins: [(key: JoinKey, route: Route, segment: MergedStep)] = []
    /// Cuts whose guard no state satisfies.
    private(set) var unreachableCuts = 0
    private var routes: [JoinKey: Route] = [:]

    /// Finds and builds every segment of `action`'s step over `system`'s variables and `carried`.
    init(_ action: SlabAction, system: TransitionSystem, carried: Carried<Term>, deadline: Deadline)
        throws(SymbolicError)
    {
        self.action = action
        model = system.model
        let context = system.context
        let state = SlabState(cells: system.variables.map { CircuitValue.term($0) })
        start = try Self.fromStart(action, model: model, state: state)
        guard let start else { return }
        let solver: Solver
        let fitting: Term
        do {
            solver = try Solver(context)
            fitting = try model.codec.fitting(state).term(in: context)
        } catch {
            throw .z3(error)
        }
        // Each built segment's cuts, with its join and the route there (nil: the step's start).
        var pending: [(cuts: [Cut], from: (key: JoinKey, route: Route)?)] = [(start.cuts, nil)]
        while let (cuts, from) = pending.popLast() {
            for cut in cuts where routes[cut.key] == nil {
                let reaching: Term
                do {
                    try deadline.apply(to: solver)
                    reaching = try cut.guardCondition.term(in: context)
                } catch {
                    throw .z3(error)
                }
                guard let values = try Self.values(reaching, fitting, system, carried, solver, deadline) else {
                    unreachableCuts += 1
                    continue
                }
                var route = Route(start: values.state)
                if let from {
                    route = from.route
                    route.stops.append(Route.Stop(key: from.key, state: values.state, carried: values.carried))
                }
                let segment = try Self.segment(
                    action, model: model, from: cut.key, by: route, state: state, carried: carried.map { .term($0) })
                routes[cut.key] = route
                joins.append((cut.key, route, segment))
                pending.append((segment.cuts, (cut.key, route)))
            }
        }
    }

    /// The segment from the join `key`, with `state` and `carried` there, reached by `route`.
    static func segment(
        _ action: SlabAction, model: SlabModel, from key: JoinKey, by route: Route, state: SlabState<CircuitValue>,
        carried: Carried<CircuitValue>
    ) throws(SymbolicError) -> MergedStep {
        let lead = Lead(route, to: key, state: state, carried: carried)
        let run = MergingOracle.Run(lead: lead, cutting: true)
        let started = SlabState(cells: route.start.cells.map { CircuitValue.constant($0) })
        guard let segment = try Circuit.step(action, from: started, model: model, on: run), lead.arrived else {
            throw .internalError("\(action): \(lead) does not lead there")
        }
        return segment
    }

    /// The segment from the join `key` with `state` and `carried` there: one the search found.
    func from(_ key: JoinKey, state: SlabState<CircuitValue>, carrying carried: Carried<CircuitValue>)
        throws(SymbolicError)
        -> MergedStep
    {
        guard let route = routes[key] else {
            throw .internalError("\(action): no segment starts at \(key)")
        }
        return try Self.segment(action, model: model, from: key, by: route, state: state, carried: carried)
    }

    /// The segment from the step's start in `state`.
    func fromStart(_ state: SlabState<CircuitValue>) throws(SymbolicError) -> MergedStep? {
        try Self.fromStart(action, model: model, state: state)
    }

    static func fromStart(_ action: SlabAction, model: SlabModel, state: SlabState<CircuitValue>)
        throws(SymbolicError) -> MergedStep?
    {
        try Circuit.step(action, from: state, model: model, on: MergingOracle.Run(cutting: true))
    }

    /// A state and carried value where `reaching` holds, in the cells' ranges where it can be;
    /// nil when no values satisfy it.
    static func values(
        _ reaching: Term, _ fitting: Term, _ system: TransitionSystem, _ carried: Carried<Term>, _ solver: Solver,
        _ deadline: Deadline
    ) throws(SymbolicError) -> (state: SlabState<Int>, carried: Carried<Int>)? {
        // In the cells' ranges first: the values of a state a run could be in.
        for constraints in [[reaching, fitting], [reaching]] {
            let answer: CheckResult
            do {
                answer = try solver.check(assumptions: constraints)
            } catch {
                throw .z3(error)
            }
            switch answer {
            case .unsat: continue
            case .unknown(let why):
                if deadline.expired { throw .timeLimit("the time limit passed while a step's segments were found") }
                throw .unknown("while finding a way into a step's segments: \(why)")
            case .sat: break
            }
            do {
                return try system.values(in: solver.model(), carried: carried)
            } catch {
                throw .z3(error)
            }
        }
        return nil
    }
}

extension TransitionSystem {
    /// Free variables for the values a join carries (`Carried`), beside the state's `variables`.
    func carriedVariables() throws(Z3Error) -> Carried<Term> {
        let bits = width.bits
        var loops: [Term] = []
        for depth in 0..<JoinKey.deepestLoops {
            loops.append(try context.bitVectorConstant("loop\(depth)", width: bits))
        }
        return Carried(
            value: try context.bitVectorConstant("carried", width: bits),
            passes: try context.bitVectorConstant("passes", width: bits),
            pressureApplied: try context.bitVectorConstant("pressure", width: bits), loops: loops)
    }

    /// The state over `variables` and the values of `carried` in a model Z3 found.
    func values(in assignment: Assignment, carried: Carried<Term>) throws(Z3Error)
        -> (state: SlabState<Int>, carried: Carried<Int>)
    {
        let bits = width.bits
        func value(_ t: Term) throws(Z3Error) -> Int {
            signedCellValue(try assignment.uint64Value(of: t) ?? 0, width: bits)
        }
        var cells: [Int] = []
        for v in variables { cells.append(try value(v)) }
        return (SlabState(cells: cells), try carried.map(value))
    }
}
