import ModelKit
import SlabModel
import Z3Kit

/// A box of states: per cell a range, and whether some step explored so far writes the cell.
struct Box: Equatable {
    var ranges: [ClosedRange<Int>]
    var written: [Bool]

    /// The value of a cell the box fixes: one value, and no step changes it (a step that ends the
    /// run may leave a value outside the range, and the properties judge that state too).
    func constant(_ c: Int) -> Int? {
        let r = ranges[c]
        return r.lowerBound == r.upperBound && !written[c] ? r.lowerBound : nil
    }

    /// One symbolic state for every state in the box: a constant or a ranged variable per cell.
    func state(_ variables: [Term]) -> SlabState<SymbolicValue> {
        SlabState(
            cells: ranges.indices.map { c in
                constant(c).map { .constant($0) } ?? SymbolicValue(variable: variables[c], range: ranges[c])
            })
    }

    /// For each free cell whose range needs fewer bits than a cell has, its variable, a fresh
    /// narrow one extended (`EncodingWidth.narrowBits`), and the narrow one itself. Only for
    /// states a step starts from: a step is enabled only while the run goes on, and then every
    /// cell is in the box.
    func narrowing(_ variables: [Term], width: Int, _ context: Context) throws(Z3Error) -> [(
        from: Term, to: Term, narrow: Term
    )] {
        var pairs: [(from: Term, to: Term, narrow: Term)] = []
        for (c, v) in variables.enumerated() where constant(c) == nil {
            guard let n = EncodingWidth.narrowBits(for: ranges[c], cellBits: width) else { continue }
            let x = try context.freshConstant(prefix: "n\(c)", sort: context.bitVectorSort(width: n))
            pairs.append((v, try EncodingWidth.extend(x, for: ranges[c], cellBits: width), x))
        }
        return pairs
    }

    /// Each cell's value where the box fixes it, nil where it is free.
    var constants: [Int?] { ranges.indices.map(constant) }

    /// That `variables` lie in the box: `crash` in its range always, every other cell while the
    /// run goes on (`crash == 0`).
    func contains(_ variables: [Term], crash: Int, width: Int, _ context: Context) throws(Z3Error) -> Term {
        var parts: [Term] = []
        var inRange: [Term] = []
        for (c, v) in variables.enumerated() {
            let range = ranges[c]
            guard constant(c) == nil, range != SymbolicValue.fullRange else { continue }
            let bounded = try context.and([
                v.sge(numeral(range.lowerBound, width: width, context)),
                v.sle(numeral(range.upperBound, width: width, context)),
            ])
            if c == crash { parts.append(bounded) } else { inRange.append(bounded) }
        }
        let running = try variables[crash].eq(numeral(0, width: width, context))
        parts.append(try running.implies(context.and(inRange)))
        return try context.and(parts)
    }
}

/// Interval analysis by symbolic execution, one round at a time, kept round by round.
///
/// Box 0 is the initial state. Round r runs every action on a state standing for box r−1 (the
/// explorer prunes the paths a state in the box cannot take) and box r is the hull of box r−1 and
/// the paths' results while the run goes on (`crash == 0`; `crash`'s own range holds always);
/// interval arithmetic in `SymbolicValue` over-approximates each value. The analysis has
/// converged when a round changes nothing.
///
/// Widening is what makes it converge soon: a cell that grows again after growing once takes its
/// packed range (outside it a state is `corrupt`, so ended), or every value when it has none
/// (`free_objects`). Without it small's boxes keep growing for a thousand rounds. But a widened
/// box holds states no run reaches, and their paths are explored, pruned and refuted at every
/// later depth: medium's step 6 had 7,632 paths from widened boxes and 3,200 from hulls, and BMC
/// took 450 s to depth 6 instead of 56–63 s. Only the converged relation needs widening
/// (induction's step case), so the rounds a run from the initial state asks for keep each box
/// the hull of the round's results (`round(forStep:)` with a step), and only a round asked for
/// to converge widens: rounds already run stay as they are, each box still holding what it must.
///
/// By induction on r, box r holds every state reachable within r steps, so round r's paths are
/// exactly the steps a run can take as its r-th. With an `invariant` the explorer drops the paths
/// of the states that break it, so this holds of the runs whose states before step r satisfy it:
/// the engine that assumes it must show that, as BMC and induction's base case do, depth by
/// depth. BMC unrolls step r with round r's relation, built as soon as the round ends (the paths
/// are then dropped: medium's held gigabytes). Early rounds start from nearly constant states and
/// have few paths, so a short counterexample needs none of the later, larger rounds. The
/// converged round serves every later step, and its box is inductive by construction:
/// `Induction` proves it again, with Z3, as the `ranges` conjunct.
final class IntervalAnalysis {
    let model: SlabModel
    let context: Context
    let variables: [Term]
    let selector: Term
    let selectorWidth: Int
    /// Per cell, the range outside which `StateCodec` calls a state corrupt (or every value).
    let packed: [ClosedRange<Int>]
    let width: Int
    let pathLimit: Int
    /// What every state a step starts from satisfies besides its box (nil: nothing known): the
    /// explorer drops the paths that contradict it.
    let invariant: StateFormula?
    /// `boxes[r]`: the box after r rounds.
    private(set) var boxes: [Box]
    /// `relations[r - 1]`: round r's relation.
    private(set) var relations: [StepRelation] = []
    /// `pathCounts[r - 1]`: round r's paths per action of `model.possibleActions`.
    private(set) var pathCounts: [[Int]] = []
    /// `pruning[r - 1]`: what round r's pruners cost and dropped.
    private(set) var pruning: [Pruning] = []
    /// The pruning of a round that ended in an error (a time limit, too many paths): its calls
    /// are where the build's time went.
    private(set) var unfinished: Pruning?
    private var growths: [Int]
    /// States the pruners' satisfiable checks found, for the next round's pruners to start from.
    private var witnessStates: [[Int]] = []
    /// `outcomeRanges[r]`: per cell, the hull of box r and of every state round r's paths end
    /// in, ended runs included (`outcomeRanges[0]` is box 0's).
    private(set) var outcomeRanges: [[ClosedRange<Int>]]
    /// The boxes `narrow(box:to:)` made tighter than their round's image.
    private var narrowed: Set<Int> = []

    init(
        model: SlabModel, context: Context, variables: [Term], selector: Term, selectorWidth: Int, width: Int,
        pathLimit: Int,
        invariant: StateFormula?
    ) {
        self.model = model
        self.context = context
        self.variables = variables
        self.selector = selector
        self.selectorWidth = selectorWidth
        self.width = width
        self.pathLimit = pathLimit
        self.invariant = invariant
        let layout = model.layout
        var packed = [ClosedRange<Int>](repeating: SymbolicValue.fullRange, count: layout.cellCount)
        for (cell, range) in model.codec.cellRanges { packed[cell] = range }
        self.packed = packed
        let initial = SlabState<Int>.initial(layout).cells
        boxes = [Box(ranges: initial.map { $0...$0 }, written: Array(repeating: false, count: layout.cellCount))]
        growths = Array(repeating: 0, count: layout.cellCount)
        outcomeRanges = [boxes[0].ranges]
    }

    /// A new analysis of the same model, from box 0, whose explorer assumes `invariant`.
    func restarted(assuming invariant: StateFormula?) -> IntervalAnalysis {
        IntervalAnalysis(
            model: model, context: context, variables: variables, selector: selector, selectorWidth: selectorWidth,
            width: width,
            pathLimit: pathLimit, invariant: invariant)
    }

    /// The round after which no box grows, once one did not.
    ///
    /// A box narrowed below its round's image proves nothing of the rounds after it: the states
    /// within one more step may leave the hull of those within this many even where the hull did
    /// not grow this time, so the next round must run from it.
    var fixpoint: Int? {
        let n = relations.count
        guard n >= 1, boxes[n] == boxes[n - 1], !narrowed.contains(n) else { return nil }
        return n
    }

    /// Narrows box `steps` to `ranges`, which the caller has shown hold every running state
    /// reachable within `steps` steps (BMC: Z3 over its unrolling, from the states the invariant
    /// admits), before the round after it runs from it. The tighter box drops the paths of states
    /// that no run reaches, which a box's ranges alone cannot rule out. False, and nothing
    /// changed, when that round has already run or the ranges are no narrower.
    func narrow(box steps: Int, to ranges: [ClosedRange<Int>]) -> Bool {
        guard steps >= 1, steps == relations.count, ranges.count == boxes[steps].ranges.count else { return false }
        var box = boxes[steps]
        for c in ranges.indices where c != model.layout.crash {
            box.ranges[c] = Self.meet(box.ranges[c], ranges[c])
        }
        guard box != boxes[steps] else { return false }
        boxes[steps] = box
        narrowed.insert(steps)
        return true
    }

    /// The round whose paths are step `step` of a run (nil: any step), run first if need be.
    func round(forStep step: Int?, deadline: Deadline) throws(SymbolicError) -> Int {
        while fixpoint == nil, step.map({ relations.count < $0 }) ?? true {
            try runRound(deadline, widening: step == nil)
        }
        return fixpoint.map { f in step.map { min($0, f) } ?? f } ?? (step ?? relations.count)
    }

    /// Per cell, the values a state `steps` steps into a run may hold, ended runs included.
    func outcomeRanges(afterSteps steps: Int, deadline: Deadline) throws(SymbolicError) -> [ClosedRange<Int>] {
        if steps == 0 { return outcomeRanges[0] }
        return outcomeRanges[try round(forStep: steps, deadline: deadline)]
    }

    /// The box holding every state reachable within `steps` steps (nil: any number).
    func box(afterSteps steps: Int?, deadline: Deadline) throws(SymbolicError) -> Box {
        if steps == 0 { return boxes[0] }
        return boxes[try round(forStep: steps, deadline: deadline)]
    }

    /// `widening` only for a round asked for to converge: a run's rounds keep hulls.
    private func runRound(_ deadline: Deadline, widening: Bool) throws(SymbolicError) {
        let layout = model.layout
        let box = boxes[relations.count]
        let state = box.state(variables)
        let round = ParallelRound(
            model: model, context: context, variables: variables, width: width, pathLimit: pathLimit, deadline: deadline
        )
        var spent = Pruning()
        let explored: [[PathExplorer.Path]]
        do {
            explored = try round.explore(
                from: box, invariant: try prunedFor(box, state), weights: pathCounts.last ?? [], pruning: &spent,
                witnesses: &witnessStates)
        } catch {
            unfinished = spent
            throw error
        }
        // Until the round is kept, its pruning is an unfinished round's.
        unfinished = spent
        var grown = box.ranges
        var wrote = box.written
        var outcomeHull = [ClosedRange<Int>?](repeating: nil, count: layout.cellCount)
        for paths in explored {
            for path in paths {
                guard let outcome = path.outcome else { continue }
                for c in 0..<layout.cellCount {
                    let r = outcome.state.cells[c].range
                    outcomeHull[c] = outcomeHull[c].map { Self.hull($0, r) } ?? r
                }
                for c in 0..<layout.cellCount where !wrote[c] {
                    if outcome.state.cells[c].constantValue != state.cells[c].constantValue { wrote[c] = true }
                }
                let crash = outcome.state.cells[layout.crash]
                grown[layout.crash] = Self.hull(grown[layout.crash], crash.range)
                if let k = crash.constantValue, k != 0 { continue }  // an ended run: nothing else matters
                for c in 0..<layout.cellCount where c != layout.crash {
                    grown[c] = Self.hull(grown[c], outcome.state.cells[c].range.clamped(to: packed[c]))
                }
            }
        }
        var next = Box(ranges: box.ranges, written: wrote)
        for c in 0..<layout.cellCount where grown[c] != box.ranges[c] {
            growths[c] += 1
            next.ranges[c] = widening && growths[c] > 1 ? packed[c] : grown[c]
        }
        do {
            relations.append(
                try StepRelation(
                    paths: explored, from: state, selector: selector, selectorWidth: selectorWidth, width: width,
                    context: context))
        } catch {
            throw .z3(error)
        }
        outcomeRanges.append(
            next.ranges.indices.map { c in outcomeHull[c].map { Self.hull($0, next.ranges[c]) } ?? next.ranges[c] })
        pathCounts.append(explored.map(\.count))
        pruning.append(spent)
        unfinished = nil
        boxes.append(next)
    }

    /// What the pruners of a round from `box` assume of its states: the box and the invariant
    /// (nil: no invariant, no pruning).
    func prunedFor(_ box: Box, _ state: SlabState<SymbolicValue>) throws(SymbolicError) -> Term? {
        guard let invariant else { return nil }
        let holds = try invariant(state)
        do {
            return try context.and([holds, box.contains(variables, crash: model.layout.crash, width: width, context)])
        } catch {
            throw .z3(error)
        }
    }

    static func hull(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> ClosedRange<Int> {
        min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// The intersection of two ranges; `a` when they do not meet, which two sound ranges of one
    /// value never do (the value lies in both).
    static func meet(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> ClosedRange<Int> {
        let lo = max(a.lowerBound, b.lowerBound)
        let hi = min(a.upperBound, b.upperBound)
        return lo <= hi ? lo...hi : a
    }

    /// `SlabModel.step`'s last word (`StateCodec.stopIfCorrupt`).
    static func markCorrupt(_ state: inout SlabState<SymbolicValue>, layout: Layout, codec: StateCodec) {
        codec.stopIfCorrupt(&state, crash: layout.crash)
    }
}
