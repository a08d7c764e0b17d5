import ModelKit
import SlabModel
import Z3Kit

/// Induction's step case, segment by segment (`StepSegments`): from any state where the
/// invariant holds, each segment from the step's start ends where it holds again and stops at
/// each join where that join's invariant holds (`SlabProperties.invariant(at:)`); from any state
/// and carried values where a join's invariant holds, so does each segment from that join; and
/// no segment breaks a step property (`refill-terminates` among them: a loop's bound is tested on
/// the passes a join carries, in the segment that would make the pass past it). Every step is a
/// chain of segments, so then every step keeps the invariant and breaks no step property.
///
/// The invariant between steps is the model's state properties with the strengthening
/// `KInduction` uses (`ranges`, `lists-hold-slabs`, `free-objects-band`). Each part is one query,
/// asked on its own against what the segment starts from. A query answered sat is a
/// counterexample to induction, for a segment: a part of an invariant to strengthen, or a bug.
///
/// A segment that starts or stops at a join where the model states no invariant for the values
/// carried there (`SlabProperties.invariant(at:of:in:carrying:)` is nil) is reported as not
/// covered, so no verdict is claimed for the actions that reach one.
public struct SegmentInduction {
    /// One query: which segment, which part of which invariant, and Z3's answer.
    public struct Check {
        public var action: SlabAction
        /// Where the segment starts: nil for the step's start.
        public var from: JoinKey?
        /// Where the part is asked: nil at the step's end, else the join the segment stops at.
        public var at: JoinKey?
        public var part: String
        public var answer: CheckResult
        public var seconds: Double
        /// Where the answer is sat: the state and carried values the segment starts from (a
        /// counterexample to induction).
        public var start: (state: SlabState<Int>, carried: Carried<Int>)? = nil
    }

    public struct Result {
        public var checks: [Check] = []
        /// Segments that start or stop at a join with no invariant stated: their action is not
        /// proved.
        public var uncovered: [(action: SlabAction, join: JoinKey)] = []
        /// Actions no state enables: nothing to prove.
        public var neverEnabled: [SlabAction] = []
        /// The parts of the invariant between steps that the initial state breaks (the base case).
        public var initialBreaks: [String] = []
        /// Whether the run ended before answering every query: at its first query not answered
        /// unsat (`run`'s `firstFailureEnds`), at the deadline, or with the base case unanswered.
        public var endedEarly = false
        /// Each action asked, with the time its segments and queries took: where a run spends it.
        public var actionSeconds: [(action: SlabAction, seconds: Double)] = []
        public var seconds: Double = 0

        /// Whether the run is a proof, for the actions it was asked about, that every reachable
        /// state satisfies the invariant between steps and no step breaks a step property: the
        /// initial state satisfies it, and every query of every segment was unsat, none uncovered.
        public var isProof: Bool {
            initialBreaks.isEmpty && uncovered.isEmpty && !endedEarly && checks.allSatisfy { $0.answer == .unsat }
        }

        /// The actions every segment of which was covered and every query unsat.
        public var proved: [SlabAction] {
            var actions: [SlabAction] = []
            for check in checks where !actions.contains(check.action) { actions.append(check.action) }
            let open = Set(uncovered.map(\.action) + checks.filter { $0.answer != .unsat }.map(\.action))
            return actions.filter { !open.contains($0) }
        }
    }

    let system: TransitionSystem

    public init(system: TransitionSystem) {
        self.system = system
    }

    /// Asks the base case, then every query of `actions` (every action of the model when nil);
    /// with `firstFailureEnds`, stops at the first query not answered unsat.
    public func run(actions: [SlabAction]? = nil, firstFailureEnds: Bool = false, deadline: Deadline = .none)
        throws(SymbolicError) -> Result
    {
        let started = ContinuousClock.now
        var result = Result()
        let context = system.context
        let width = system.width.bits
        do {
            let carried = try system.carriedVariables()
            let witness = CircuitValue.term(try context.bitVectorConstant("w", width: width))
            let initial = SlabState<Int>.initial(system.model.layout).cells.map { CircuitValue.constant($0) }
            let base = try Solver(context)
            for part in try stepParts(SlabState(cells: initial), witness: witness) {
                try deadline.apply(to: base)
                switch try base.check(assumptions: [part.term]) {
                case .unsat: continue
                case .sat: result.initialBreaks.append(part.name)
                case .unknown: result.endedEarly = true
                }
            }
            let state = SlabState(cells: system.variables.map { CircuitValue.term($0) })
            let heldCarried = carried.map { CircuitValue.term($0) }
            everyAction: for action in actions ?? system.actions {
                let begun = ContinuousClock.now
                // The deadline that stops a step's segments ends the run with what it has.
                guard let segments = try Self.segments(action, system, carried, deadline) else {
                    result.endedEarly = true
                    result.actionSeconds.append((action, SymbolicChecker.seconds(since: begun)))
                    break everyAction
                }
                guard let start = segments.start else {
                    result.neverEnabled.append(action)
                    continue
                }
                var starts: [(key: JoinKey?, segment: MergedStep)] = [(nil, start)]
                starts += segments.joins.map { ($0.key, $0.segment) }
                for (key, segment) in starts {
                    let assumed: [(name: String, term: Term)]
                    if let key {
                        guard let parts = try joinParts(key, of: action, state, heldCarried, witness: nil) else {
                            result.uncovered.append((action, key))
                            continue
                        }
                        assumed = parts
                    } else {
                        assumed = try stepParts(state, witness: nil)
                    }
                    let solver = try Solver(context)
                    for part in assumed { try solver.assert(part.term) }
                    var asked: [(at: JoinKey?, part: String, term: Term)] = []
                    let ended = try segment.enabled.term(in: context)
                    for part in try stepParts(segment.state, witness: witness) {
                        asked.append((nil, part.name, try context.and([ended, part.term])))
                    }
                    for (property, breaking) in segment.violated.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                        asked.append((nil, property.rawValue, try breaking.term(in: context)))
                    }
                    for cut in segment.cuts {
                        guard
                            let parts = try joinParts(cut.key, of: action, cut.state, cut.carried, witness: witness)
                        else {
                            result.uncovered.append((action, cut.key))
                            continue
                        }
                        let reached = try cut.guardCondition.term(in: context)
                        for part in parts { asked.append((cut.key, part.name, try context.and([reached, part.term]))) }
                    }
                    for query in asked {
                        try deadline.apply(to: solver)
                        let asking = ContinuousClock.now
                        let answer = try solver.check(assumptions: [query.term])
                        var check = Check(
                            action: action, from: key, at: query.at, part: query.part, answer: answer,
                            seconds: SymbolicChecker.seconds(since: asking))
                        if answer == .sat { check.start = try system.values(in: solver.model(), carried: carried) }
                        result.checks.append(check)
                        if deadline.expired || (firstFailureEnds && answer != .unsat) {
                            result.endedEarly = true
                            result.actionSeconds.append((action, SymbolicChecker.seconds(since: begun)))
                            break everyAction
                        }
                    }
                }
                result.actionSeconds.append((action, SymbolicChecker.seconds(since: begun)))
            }
        } catch {
            throw SymbolicError.from(error)
        }
        result.seconds = SymbolicChecker.seconds(since: started)
        return result
    }

    /// `action`'s segments; nil when the deadline passes while they are found.
    static func segments(
        _ action: SlabAction, _ system: TransitionSystem, _ carried: Carried<Term>, _ deadline: Deadline
    )
        throws(SymbolicError) -> StepSegments?
    {
        do {
            return try StepSegments(action, system: system, carried: carried, deadline: deadline)
        } catch {
            if case .timeLimit = error { return nil }
            throw error
        }
    }

    /// The invariant between steps at `s`: each part as itself (`witness` nil, to assume), or as
    /// its failure (to ask), `conservation`'s with one witness object.
    func stepParts(_ s: SlabState<CircuitValue>, witness: CircuitValue?) throws(Z3Error) -> [(name: String, term: Term)]
    {
        let model = system.model
        let properties = model.properties
        let running = s.cells[model.layout.crash] == .constant(0)
        var parts: [(String, CircuitCondition)] = [
            ("ranges", running.negated.or(model.codec.fitting(s))),
            (AuxiliaryInvariant.listsHoldSlabs.rawValue, properties.holds(.listsHoldSlabs, in: s)),
            ("arrays-sized", properties.arraysSized(s)),
            ("no-irqs-on-tail", properties.noIrqsOnTail(s, variant: model.variant)),
        ]
        for p in SlabProperties.stateProperties {
            if p == .conservation, let witness {
                parts.append((p.rawValue, properties.conservationFails(s, witness: witness).negated))
            } else if let holds = properties.holds(p, in: s) {
                parts.append((p.rawValue, holds))
            }
        }
        var terms = try parts.map { (name, condition) throws(Z3Error) in (name, try condition.term(in: system.context))
        }
        terms.append((Induction.band, try band(s)))
        return witness == nil ? terms : try terms.map { (name, term) throws(Z3Error) in (name, try term.not()) }
    }

    /// The invariant at the join `key` of `action`'s step for `s` and `carried`, as `stepParts`
    /// gives the step's; nil where none is stated.
    func joinParts(
        _ key: JoinKey, of action: SlabAction, _ s: SlabState<CircuitValue>, _ carried: Carried<CircuitValue>,
        witness: CircuitValue?
    ) throws(Z3Error) -> [(name: String, term: Term)]? {
        let properties = system.model.properties
        guard var parts = properties.invariant(at: key, of: action, in: s, carrying: carried) else { return nil }
        if let witness, let i = parts.firstIndex(where: { $0.name == BuiltInProperty.conservation.rawValue }) {
            let freeing = properties.freeing(at: key, of: action, carrying: carried)
            parts[i].holds = properties.conservationFails(s, witness: witness, freeing: freeing).negated
        }
        parts.append(
            SlabProperties.NamedCondition(
                name: "no-irqs-on-tail", holds: properties.noIrqsOnTail(s, variant: system.model.variant, at: key)))
        var terms = try parts.map { (part) throws(Z3Error) in (part.name, try part.holds.term(in: system.context)) }
        terms.append(("ranges", try system.model.codec.fitting(s).term(in: system.context)))
        terms.append((Induction.band, try band(s)))
        return witness == nil ? terms : try terms.map { (name, term) throws(Z3Error) in (name, try term.not()) }
    }

    /// `free_objects` within the band where its encoding is exact (`EncodingWidth`).
    func band(_ s: SlabState<CircuitValue>) throws(Z3Error) -> Term {
        let value = try s.cells[system.model.layout.freeObjects].term(in: system.context, width: system.width.bits)
        return try system.freeObjectsInBand().substitute([
            (from: system.variables[system.model.layout.freeObjects], to: value)
        ])
    }
}
