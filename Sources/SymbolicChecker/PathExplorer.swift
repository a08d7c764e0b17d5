import ModelKit
import SlabModel
import Z3Kit

/// What the explorer knows about one term on the current path.
struct Fact {
    var range: ClosedRange<Int>
    var excluded: Set<Int> = []

    /// `atom`'s truth value if this fact settles it.
    func decide(_ operation: Atom.Operation, _ k: Int) -> Bool? {
        if operation == .equal, excluded.contains(k) { return false }
        return operation.decide(range, k...k)
    }

    /// Narrows the fact by `term op k == value`; false when that is impossible.
    mutating func learn(_ operation: Atom.Operation, _ k: Int, _ value: Bool) -> Bool {
        var lo = range.lowerBound
        var hi = range.upperBound
        switch (operation, value) {
        case (.lessThan, true): hi = min(hi, k &- 1)
        case (.lessThan, false): lo = max(lo, k)
        case (.lessOrEqual, true): hi = min(hi, k)
        case (.lessOrEqual, false): lo = max(lo, k &+ 1)
        case (.equal, true):
            lo = max(lo, k)
            hi = min(hi, k)
        case (.equal, false): excluded.insert(k)
        }
        while lo <= hi, excluded.contains(lo) { lo += 1 }
        while lo <= hi, excluded.contains(hi) { hi -= 1 }
        guard lo <= hi else { return false }
        range = lo...hi
        return true
    }
}

/// Depth-first exploration of the paths of one step.
///
/// Each run of `slabStep` follows one path: a decision already made on this path prefix replays,
/// a new one takes the first feasible alternative and is recorded; after the run the last decision
/// with an alternative left moves on. Feasibility is decided cheaply and soundly: known constants,
/// a condition already decided on the path, and ranges of terms narrowed by the comparisons with
/// constants the path took (so `avail == 0` then `avail > 0` is one path, not two). With a
/// `PathPruner`, what the intervals leave open at a new decision is asked of Z3 too, against what
/// every state the step starts from is known to satisfy. A recorded path's outcome carries the
/// ranges those comparisons imply (`PathKnowledge`), which the next box is built from.
///
/// Joins (`Oracle.join`) keep the paths of a step from multiplying. A run that reaches a join
/// the current task has not passed yet stops recording there (it *arrives*). The paths arriving
/// with one key become a new task: the rest of the step is explored once, from a state whose cells
/// are `ite`s over the arriving paths' values (each guarded by its path), reached by replaying one
/// arriving path's decisions and installing that state at the join. Its paths are guarded by the
/// disjunction of the arriving paths, so every path of the step is still one of the action's,
/// and they stay disjoint; what is lost is only what the paths knew before the join, so a later
/// split may leave a path whose guard Z3 finds unsatisfiable.
final class PathExplorer {
    struct Decision {
        var choice: Int
        var alternatives: [Int]
    }

    /// The state installed at a join, with the carried value, and what every path that arrived
    /// there knew (so it holds whichever of them was taken).
    struct Entry {
        var key: JoinKey
        /// The pass each open `whileLoop` is in: paths join only in the same passes, since the
        /// rest is run by replaying one of them.
        var passes: [Int]
        var state: SlabState<SymbolicValue>
        var carried: Carried<SymbolicValue>
        var facts: [Term: Fact] = [:]
        var decided: [Term: Bool] = [:]
    }

    /// The rest of a step from a join: the decisions that lead there (one alternative each), the
    /// entries to install at each join on the way, and the guard of getting there (nil: the start).
    struct Task {
        var prefix: [Decision]
        var entries: [Entry]
        var reach: Term?
    }

    /// A run that reached a new join.
    struct Arrival {
        var key: JoinKey
        var entry: Entry
        var guardParts: [Term]
        var prefix: [Decision]
    }

    let context: Context
    /// Above this many paths for one action, the step is refused (a path explosion).
    let pathLimit: Int
    /// The bits of a cell, for the `ite`s a join builds over constants.
    let width: Int
    let deadline: Deadline
    /// Drops the alternatives no state the step starts from can take (nil: every alternative
    /// the intervals allow is followed).
    let pruner: PathPruner?
    private var script: [Decision] = []
    private var cursor = 0
    private(set) var guardParts: [Term] = []
    private var facts: [Term: Fact] = [:]
    private var decided: [Term: Bool] = [:]
    private(set) var error: Z3Error?
    /// A replay that met another join than the path it replays: the model's run is not
    /// determined by its decisions, and no relation built from it could be trusted.
    private var replayMismatch: String?
    private var task = Task(prefix: [], entries: [], reach: nil)
    private var joinsPassed = 0
    /// The pass each open `whileLoop` of the run is in, outermost first (`PathOracle` counts).
    var loopPasses: [Int] = []
    /// Set when the run reached a new join: it records nothing more.
    private var arrival: Arrival?
    /// Set when the pruner found every alternative of a new decision closed: the prefix itself
    /// is no state's, and the run is only finished, not recorded.
    private var closed = false

    init(context: Context, pathLimit: Int, width: Int, deadline: Deadline, pruner: PathPruner? = nil) {
        self.context = context
        self.pathLimit = pathLimit
        self.width = width
        self.deadline = deadline
        self.pruner = pruner
    }

    private func beginRun() {
        cursor = 0
        joinsPassed = 0
        loopPasses.removeAll(keepingCapacity: true)
        arrival = nil
        closed = false
        forgetPath()
    }

    private func forgetPath() {
        guardParts.removeAll(keepingCapacity: true)
        facts.removeAll(keepingCapacity: true)
        decided.removeAll(keepingCapacity: true)
    }

    /// Moves to the next path; false when every path was run.
    private func advance() -> Bool {
        script.removeSubrange(cursor...)
        while let last = script.last, last.choice + 1 >= last.alternatives.count { script.removeLast() }
        guard !script.isEmpty else { return false }
        script[script.count - 1].choice += 1
        return true
    }

    /// The alternative this run takes; `alternative(k)` is the guard of taking `k`, asked of the
    /// pruner only for a decision this path makes first.
    private func choose(_ feasible: [Int], _ alternative: (Int) throws(Z3Error) -> Term) -> Int {
        if cursor < script.count {
            let d = script[cursor]
            cursor += 1
            return d.alternatives[d.choice]
        }
        if arrival != nil || closed { return feasible[0] }  // only finishing the run
        let open = opened(feasible, alternative)
        guard let first = open.first else {
            closed = true
            return feasible[0]
        }
        script.append(Decision(choice: 0, alternatives: open))
        cursor += 1
        return first
    }

    /// The alternatives of `feasible` the pruner leaves open after this path's prefix.
    private func opened(_ feasible: [Int], _ alternative: (Int) throws(Z3Error) -> Term) -> [Int] {
        guard let pruner, feasible.count > 1 else { return feasible }
        let prefix = (task.reach.map { [$0] } ?? []) + guardParts
        var open: [Int] = []
        do {
            for k in feasible where try pruner.satisfiable(prefix + [alternative(k)]) { open.append(k) }
        } catch {
            fail(error)
            return feasible
        }
        return open
    }

    private func fail(_ e: Z3Error) {
        if error == nil { error = e }
    }

    private func fact(_ term: Term, _ range: ClosedRange<Int>) -> Fact {
        if var f = facts[term] {
            let lo = max(f.range.lowerBound, range.lowerBound)
            let hi = min(f.range.upperBound, range.upperBound)
            if lo <= hi { f.range = lo...hi }
            return f
        }
        return Fact(range: range)
    }

    func decide(_ condition: SymbolicCondition) -> Bool {
        switch condition {
        case .known(let b): return b
        case .failed(let e):
            fail(e)
            return false
        case .choice(let c, let a, let b, let t):
            // Choices share their parts: remembering each one's outcome on the path keeps
            // deciding a nest proportional to its distinct parts, not to its paths.
            if let value = decided[t] { return value }
            let value = decide(c) ? decide(a) : decide(b)
            decided[t] = value
            return value
        case .formula(let base, let positive, let atom):
            if let value = decided[base] { return value == positive }
            var feasible = [1, 0]
            if let atom {
                let f = fact(atom.term, atom.range)
                if let value = f.decide(atom.operation, atom.constant) {
                    decided[base] = value
                    return value == positive
                }
                feasible = [1, 0].filter {
                    var g = f
                    return g.learn(atom.operation, atom.constant, $0 == 1)
                }
                if feasible.isEmpty { feasible = [1, 0] }  // cannot happen: one side is always possible
            }
            let value = choose(feasible) { k throws(Z3Error) in k == 1 ? base : try base.not() } == 1
            decided[base] = value
            if let atom {
                var f = fact(atom.term, atom.range)
                _ = f.learn(atom.operation, atom.constant, value)
                facts[atom.term] = f
            }
            do {
                guardParts.append(value ? base : try base.not())
            } catch {
                fail(error)
            }
            return value == positive
        }
    }

    func pick(_ value: SymbolicValue, below bound: Int) -> Int? {
        switch value {
        case .constant(let k): return (0..<bound).contains(k) ? k : nil
        case .failed(let e):
            fail(e)
            return nil
        case .term(_, _, .choice(let c, let a, let b, _)):
            return decide(c) ? pick(a, below: bound) : pick(b, below: bound)
        case .term(let t, let range, let shape):
            // A value `base + by` is picked through its base, so what the path knows of the base
            // (and learns here) is shared by every offset of it.
            var base = t
            var baseRange = range
            var by = 0
            if case .offset(let b, let r, let o) = shape {
                base = b
                baseRange = r
                by = o
            }
            let f = fact(base, baseRange)
            var feasible = (0..<bound).filter { k in
                let (v, overflow) = k.subtractingReportingOverflow(by)
                return !overflow && f.range.contains(v) && !f.excluded.contains(v)
            }
            let lowest = f.range.lowerBound.addingReportingOverflow(by)
            let highest = f.range.upperBound.addingReportingOverflow(by)
            let outside =
                lowest.overflow || highest.overflow || lowest.partialValue < 0 || highest.partialValue >= bound
            if outside { feasible.append(-1) }
            if feasible.count == 1, let only = feasible.first { return only >= 0 ? only : nil }
            guard !feasible.isEmpty else { return nil }
            // Taking `k` (-1: outside the bound), as a guard term.
            let taking = { [context] (k: Int) throws(Z3Error) -> Term in
                k >= 0
                    ? try base.eq(numeral(k - by, like: base))
                    : try context.or([t.slt(numeral(0, like: t)), t.sge(numeral(bound, like: t))])
            }
            let k = choose(feasible, taking)
            do {
                let taken = try taking(k)
                guardParts.append(taken)
                if k >= 0 {
                    decided[taken] = true
                    var g = f
                    _ = g.learn(.equal, k - by, true)
                    facts[base] = g
                    return k
                }
                var g = f
                for i in 0..<bound { _ = g.learn(.equal, i - by, false) }
                facts[base] = g
                return nil
            } catch {
                fail(error)
                return nil
            }
        }
    }

    func join(_ state: inout SlabState<SymbolicValue>, carrying carried: inout Carried<SymbolicValue>, at key: JoinKey)
    {
        guard arrival == nil, !closed, key.joinsPaths else { return }
        if joinsPassed < task.entries.count {
            let entry = task.entries[joinsPassed]
            if entry.key != key || entry.passes != loopPasses, replayMismatch == nil {
                replayMismatch = "a replay met the join \(key) in passes \(loopPasses) where its path met \(entry.key)"
            }
            state = entry.state
            carried = entry.carried
            joinsPassed += 1
            guardParts.removeAll(keepingCapacity: true)
            facts = entry.facts
            decided = entry.decided
            return
        }
        let prefix = script[..<cursor].map { Decision(choice: 0, alternatives: [$0.alternatives[$0.choice]]) }
        arrival = Arrival(
            key: key,
            entry: Entry(key: key, passes: loopPasses, state: state, carried: carried, facts: facts, decided: decided),
            guardParts: guardParts,
            prefix: prefix)
    }

    /// One path of a step: its guard (conjuncts), and the outcome (nil: the action is not enabled).
    struct Path {
        var guardParts: [Term]
        var outcome: StepOutcome<SymbolicValue>?
    }

    /// Every feasible path of `action` from `state`.
    func paths(
        of action: SlabAction, from state: SlabState<SymbolicValue>, layout: Layout, variant: Variant
    ) throws(SymbolicError) -> [Path] {
        var result: [Path] = []
        var tasks = [Task(prefix: [], entries: [], reach: nil)]
        var explored = 0
        while let next = tasks.popLast() {
            task = next
            script = next.prefix
            var arrivals: [Arrival] = []
            repeat {
                beginRun()
                let outcome = slabStep(
                    action, from: state, layout: layout, variant: variant, oracle: PathOracle(explorer: self))
                if let error { throw .z3(error) }
                if let replayMismatch { throw .internalError("\(action): \(replayMismatch)") }
                if let arrival {
                    arrivals.append(arrival)
                } else if !closed {
                    var narrowed = outcome
                    if let outcome {
                        for cell in outcome.state.cells {
                            if case .failed(let e) = cell { throw .z3(e) }
                        }
                        var knowledge = PathKnowledge(facts: facts, decided: decided)
                        narrowed?.state.cells = knowledge.narrowed(outcome.state.cells)
                    }
                    result.append(
                        Path(guardParts: next.reach.map { [$0] + guardParts } ?? guardParts, outcome: narrowed))
                }
                explored += 1
                if explored > pathLimit {
                    throw .pathExplosion("\(action) has more than \(pathLimit) paths")
                }
                if deadline.expired {
                    throw .timeLimit("time limit reached while exploring the paths of \(action)")
                }
            } while advance()
            do {
                tasks += try Self.group(arrivals).map { group throws(Z3Error) in try joined(group, after: next) }
            } catch {
                throw .z3(error)
            }
        }
        return result
    }

    /// The arrivals by key and loop passes, in the order they first arrived.
    static func group(_ arrivals: [Arrival]) -> [[Arrival]] {
        struct Place: Hashable {
            var key: JoinKey
            var passes: [Int]
        }
        var order: [Place] = []
        var byPlace: [Place: [Arrival]] = [:]
        for a in arrivals {
            let place = Place(key: a.key, passes: a.entry.passes)
            if byPlace[place] == nil { order.append(place) }
            byPlace[place, default: []].append(a)
        }
        return order.compactMap { byPlace[$0] }
    }

    /// The task that goes on from the join `group` arrived at.
    func joined(_ group: [Arrival], after parent: Task) throws(Z3Error) -> Task {
        let guards = try group.map { a throws(Z3Error) in try context.and(a.guardParts) }
        var cells: [SymbolicValue] = []
        for c in group[0].entry.state.cells.indices {
            cells.append(try merge(group.map { $0.entry.state.cells[c] }, guards))
        }
        let carried = Carried(
            value: try merge(group.map(\.entry.carried.value), guards),
            passes: try merge(group.map(\.entry.carried.passes), guards),
            pressureApplied: try merge(group.map(\.entry.carried.pressureApplied), guards))
        var facts = group[0].entry.facts
        var decided = group[0].entry.decided
        for a in group.dropFirst() {
            facts = facts.reduce(into: [:]) { kept, known in
                guard let other = a.entry.facts[known.key] else { return }
                kept[known.key] = Fact(
                    range: IntervalAnalysis.hull(known.value.range, other.range),
                    excluded: known.value.excluded.intersection(other.excluded))
            }
            decided = decided.filter { a.entry.decided[$0.key] == $0.value }
        }
        let arrived = try context.or(guards)
        return Task(
            prefix: group[0].prefix,
            entries: parent.entries + [
                Entry(
                    key: group[0].key, passes: group[0].entry.passes, state: SlabState(cells: cells), carried: carried,
                    facts: facts, decided: decided)
            ],
            reach: try parent.reach.map { r throws(Z3Error) in try context.and([r, arrived]) } ?? arrived)
    }

    /// One value for `values` (one per arriving path, the path's guard in `guards`): the value
    /// itself when every path has the same, else an `ite` over the distinct ones in the hull of
    /// their ranges. The last needs no test: some arriving path was taken.
    func merge(_ values: [SymbolicValue], _ guards: [Term]) throws(Z3Error) -> SymbolicValue {
        var distinct = GuardedValues()
        var range = values[0].range
        var same = true
        for (v, g) in zip(values, guards) {
            if case .failed(let e) = v { throw e }
            distinct.add(try v.term(in: context, width: width), when: g)
            range = IntervalAnalysis.hull(range, v.range)
            if v.range != values[0].range { same = false }
        }
        guard let merged = try distinct.ite(otherwise: nil, context) else { return values[0] }
        if distinct.order.count == 1 { return same ? values[0] : .term(merged, range, .opaque) }
        return SymbolicValue(variable: merged, range: range)
    }
}

extension JoinKey {
    /// Whether the explorer joins its paths here. Not after a return value is set, which the rest
    /// of the step depends on and a join would lose; and not at the refill's loop heads, where
    /// joining made it slower (Documentation/Measurements.md, "Tried and dropped"): those are the
    /// segment engine's cut points.
    var joinsPaths: Bool {
        guard !afterReturn else { return false }
        switch place {
        case .reapAfterDrain, .freeBlock: return true
        case .batchLoop, .takeObjects: return false
        }
    }
}

/// The oracle the symbolic runs of `slabStep` use: every choice goes to the explorer.
struct PathOracle: ForkingOracle {
    let explorer: PathExplorer

    func decide(_ condition: SymbolicCondition) -> Bool { explorer.decide(condition) }

    func index(of value: SymbolicValue, below bound: Int) -> Int? { explorer.pick(value, below: bound) }

    /// Counts the passes for the explorer, whose joins group the paths by them.
    func whileLoop(
        upTo bound: Int, while condition: (SymbolicValue) -> SymbolicCondition, head: () -> Void,
        _ body: (SymbolicValue) throws -> Void, latch: () -> Void, exhausted: () throws -> Void
    ) throws {
        explorer.loopPasses.append(0)
        defer { explorer.loopPasses.removeLast() }
        let depth = explorer.loopPasses.count - 1
        try loop(
            upTo: bound, while: { i in condition(SymbolicValue(constant: i)) },
            { i in
                explorer.loopPasses[depth] = i
                head()
                try body(SymbolicValue(constant: i))
                latch()
            }, exhausted: exhausted)
    }

    func join(_ state: inout SlabState<SymbolicValue>, carrying carried: inout Carried<SymbolicValue>, at key: JoinKey)
    {
        explorer.join(&state, carrying: &carried, at: key)
    }
}

/// Why a symbolic check could not go on.
public enum SymbolicError: Error, CustomStringConvertible {
    /// A call into Z3 failed.
    case z3(Z3Error)
    /// A step has more paths than the explorer will enumerate.
    case pathExplosion(String)
    /// The deadline passed while a step's paths were explored.
    case timeLimit(String)
    /// A Z3 counterexample did not replay on the concrete model: a bug in slabcheck.
    case internalError(String)
    /// Z3 answered neither sat nor unsat (not for want of time), in its own words.
    case unknown(String)

    public var description: String {
        switch self {
        case .z3(let e): "Z3 error: \(e)"
        case .pathExplosion(let m): "path explosion: \(m)"
        case .timeLimit(let m): m
        case .internalError(let m): "internal error in slabcheck: \(m)"
        case .unknown(let m): "Z3 gave no answer: \(m)"
        }
    }
}

extension SymbolicError {
    /// Any error a symbolic engine meets, as one of these: Z3's wrapped, ours as they are, the
    /// rest (none is expected) an internal error.
    static func from(_ error: any Error) -> SymbolicError {
        if let e = error as? SymbolicError { return e }
        if let e = error as? Z3Error { return .z3(e) }
        return .internalError("\(error)")
    }
}
