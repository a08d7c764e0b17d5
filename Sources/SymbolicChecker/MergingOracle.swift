import SlabModel
import Z3Kit

/// The oracle of a merged run: both arms of every branch run, one after the other, each under its
/// guard, and every write is `ite(guard, new, old)`. One run of `slabStep` over a symbolic state
/// then leaves, in each cell, the cell's value after the step on every path at once: a circuit
/// whose size follows the code, not the number of paths, built with no solver call.
///
/// Why running the arms in sequence is right: the guards of the two arms are disjoint, and every
/// write of the first arm is guarded by the first's, so under the second arm's guard each cell
/// still reads its old value. A `Stop` thrown inside an arm ends only the paths of that arm: it
/// is caught here, recorded with the guard it was thrown under, and the rest of the code runs
/// under the guard of the paths still going.
///
/// The same oracle runs a step's segments (`StepSegments`): it may cut the paths at each join,
/// recording the state there, and it may first follow a `Lead` from concrete values, where every
/// condition is known and the merged run is one path, to the join where a segment starts.
struct MergingOracle: Oracle {
    typealias Value = CircuitValue

    /// What the run has found so far. A class, because the kernel holds the oracle as a `let`
    /// (its arms change the kernel) and the run's guard changes as the arms run.
    final class Run {
        /// The paths the code running now is on.
        var guardCondition = CircuitCondition.known(true)
        /// The paths that stopped, each with the crash it stopped at.
        var crashed: [(guard: CircuitCondition, crash: Crash)] = []
        /// Per step property, the paths that broke it.
        var violated: [BuiltInProperty: CircuitCondition] = [:]
        /// Per open loop, innermost last: the paths that left it by `break`.
        var loopExits: [CircuitCondition] = []
        /// Per open `whileLoop`, innermost last: the passes begun before the one running now
        /// (`Carried.loops`).
        var loopPasses: [CircuitValue] = []
        /// A stop the model threw where nothing can take it: a bug in the model's control flow.
        var misplaced: String?
        /// Until a segment's start is installed, the way there; nil while merging.
        var lead: Lead?
        /// The paths cut at joins, in the order met; nil where joins cut nothing (a whole step).
        var cuts: [Cut]?

        init(lead: Lead? = nil, cutting: Bool = false) {
            self.lead = lead
            self.cuts = cutting ? [] : nil
        }

        /// Where the step ran to an end, normally or at a crash.
        var ended: CircuitCondition {
            crashed.reduce(guardCondition) { $0.or($1.guard) }
        }
    }

    let run: Run

    var isDead: Bool { run.guardCondition.constantValue == false }

    /// Runs `body` on the current paths; a `Stop` ends the paths it was thrown on.
    func execute(_ body: () throws -> Void) {
        guard !isDead else { return }
        do {
            try body()
        } catch let stop as Stop {
            record(stop)
        } catch {
            run.misplaced = "the model threw \(error), which is no Stop"
            run.guardCondition = .known(false)
        }
    }

    private func record(_ stop: Stop) {
        switch stop {
        case .crash(let crash):
            run.crashed.append((run.guardCondition, crash))
        case .disabled:
            break
        case .breakLoop:
            if let exits = run.loopExits.popLast() {
                run.loopExits.append(exits.or(run.guardCondition))
            } else {
                run.misplaced = "a break outside any loop"
            }
        }
        run.guardCondition = .known(false)
    }

    func when(_ condition: CircuitCondition, _ then: () throws -> Void, else otherwise: () throws -> Void) throws {
        let start = run.guardCondition
        run.guardCondition = start.and(condition)
        execute(then)
        let afterThen = run.guardCondition
        run.guardCondition = start.and(condition.negated)
        execute(otherwise)
        run.guardCondition = afterThen.or(run.guardCondition)
    }

    func require(_ condition: CircuitCondition) -> Bool {
        run.guardCondition = run.guardCondition.and(condition)
        return true
    }

    func requireOfEveryEnd(_ condition: CircuitCondition) -> Bool {
        run.guardCondition = run.guardCondition.and(condition)
        run.crashed = run.crashed.map { ($0.guard.and(condition), $0.crash) }
        return true
    }

    func pick(_ value: CircuitValue, below bound: Int, else outside: Stop, _ body: (Int) throws -> Void) throws {
        let start = run.guardCondition
        var out = CircuitCondition.known(false)
        var inRange = CircuitCondition.known(false)
        for k in 0..<bound {
            let here = value == .constant(k)
            inRange = inRange.or(here)
            run.guardCondition = start.and(here)
            execute { try body(k) }
            out = out.or(run.guardCondition)
        }
        run.guardCondition = start.and(inRange.negated)
        execute { throw outside }
        run.guardCondition = out
    }

    func first(
        in range: Range<Int>, where holds: (Int) -> CircuitCondition, _ body: (Int) throws -> Void,
        otherwise: () throws -> Void
    ) throws {
        var none = run.guardCondition
        var out = CircuitCondition.known(false)
        for k in range {
            // Read under the paths none of the earlier bodies took, whose writes they do not see.
            let here = holds(k)
            run.guardCondition = none.and(here)
            execute { try body(k) }
            out = out.or(run.guardCondition)
            none = none.and(here.negated)
        }
        run.guardCondition = none
        execute(otherwise)
        run.guardCondition = out.or(run.guardCondition)
    }

    func loop(
        upTo bound: Int, while condition: (Int) -> CircuitCondition, _ body: (Int) throws -> Void,
        exhausted: () throws -> Void
    ) throws {
        run.loopExits.append(.known(false))
        var left = CircuitCondition.known(false)
        for i in 0..<bound {
            guard !isDead else { break }
            let going = condition(i)
            left = left.or(run.guardCondition.and(going.negated))
            run.guardCondition = run.guardCondition.and(going)
            execute { try body(i) }
        }
        if !isDead {
            let going = condition(bound)
            left = left.or(run.guardCondition.and(going.negated))
            run.guardCondition = run.guardCondition.and(going)
            execute(exhausted)
        }
        let broke = run.loopExits.popLast() ?? .known(false)
        run.guardCondition = run.guardCondition.or(left).or(broke)
    }

    /// The count of passes is a value, not Swift's loop counter: a join may install one (a
    /// segment starting in the loop), and the bound is then tested on it, so the unwinding check
    /// stays in the segment that makes the pass past the bound.
    func whileLoop(
        upTo bound: Int, while condition: (CircuitValue) -> CircuitCondition, head: () -> Void,
        _ body: (CircuitValue) throws -> Void, latch: () -> Void, exhausted: () throws -> Void
    ) throws {
        run.loopExits.append(.known(false))
        run.loopPasses.append(.constant(0))
        let depth = run.loopPasses.count - 1
        var left = CircuitCondition.known(false)
        for _ in 0...bound {
            guard !isDead else { break }
            let going = condition(run.loopPasses[depth])
            left = left.or(run.guardCondition.and(going.negated))
            let entering = run.guardCondition.and(going)
            let exhausting = run.loopPasses[depth] >= .constant(bound)
            run.guardCondition = entering.and(exhausting)
            execute(exhausted)
            left = left.or(run.guardCondition)
            run.guardCondition = entering.and(exhausting.negated)
            if !isDead { head() }
            let pass = run.loopPasses[depth]
            execute { try body(pass) }
            if !isDead { latch() }
            run.loopPasses[depth] = run.loopPasses[depth] + .constant(1)
        }
        run.loopPasses.removeLast()
        let broke = run.loopExits.popLast() ?? .known(false)
        run.guardCondition = run.guardCondition.or(left).or(broke)
    }

    func write(_ new: CircuitValue, over old: CircuitValue) -> CircuitValue {
        CircuitValue.select(run.guardCondition, new, old)
    }

    func violate(_ property: BuiltInProperty) {
        run.violated[property] = (run.violated[property] ?? .known(false)).or(run.guardCondition)
    }

    /// A led run installs the values its lead has for this join; a merged run cuts its paths here
    /// when it is a segment's, and otherwise (a whole step) goes on.
    func join(_ state: inout SlabState<CircuitValue>, carrying carried: inout Carried<CircuitValue>, at key: JoinKey) {
        guard !isDead else { return }
        let key = key.segmentKey
        if let lead = run.lead {
            guard let values = lead.arrive(at: key) else {
                run.misplaced = "a run led by \(lead) met the join \(key)"
                run.guardCondition = .known(false)
                return
            }
            state = values.state
            carried = values.carried
            let open = run.loopPasses.count
            guard values.carried.loops.count >= open else {
                run.misplaced = "the join \(key) is in \(open) loops, but \(lead) carries passes for fewer"
                run.guardCondition = .known(false)
                return
            }
            run.loopPasses = Array(values.carried.loops.prefix(open))
            carried.loops = []
            if lead.arrived {
                // What the path broke on its way here is the earlier segments'.
                run.violated = [:]
                run.lead = nil
            }
        } else if run.cuts != nil {
            var stopped = carried
            stopped.loops = run.loopPasses
            run.cuts?.append(Cut(key: key, guardCondition: run.guardCondition, state: state, carried: stopped))
            run.guardCondition = .known(false)
        }
    }
}

/// Paths of a segment that reached a join: the rest of the step is another segment's.
struct Cut {
    var key: JoinKey
    var guardCondition: CircuitCondition
    var state: SlabState<CircuitValue>
    var carried: Carried<CircuitValue>
}

extension JoinKey {
    /// The key as a segment's start: what the step broke or returned before the join is an
    /// outcome of the step, which the rest does not read.
    var segmentKey: JoinKey {
        var key = self
        key.violations = []
        key.afterReturn = false
        return key
    }
}
