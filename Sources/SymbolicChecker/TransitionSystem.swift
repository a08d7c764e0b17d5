import ModelKit
import SlabModel
import Z3Kit

/// The SLAB model as a symbolic transition system, derived by running the model's own step
/// function (`slabStep`) on symbolic states with the path-exploring oracle.
///
/// State: one bit-vector variable `s_c` per cell, except the cells no step ever changes (their
/// reachable range, found by an interval analysis over symbolic execution, is one value). One selector `sel` picks
/// the action of a step. Built once over `s` and `sel`; instantiated per step by substitution.
public final class TransitionSystem {
    public let model: SlabModel
    public let context: Context
    public let actions: [SlabAction]
    /// The value of each cell no step changes; nil for a state variable.
    public let constantCells: [Int?]
    /// `s_c` for each variable cell (nil for constant cells).
    public let variables: [Term?]
    public let selector: Term
    public let selectorWidth: Int
    /// The state over `s`, for properties: variables without range assumptions.
    public let plainState: SlabState<SymbolicValue>
    /// Per variable cell, its value after a step chosen by `sel` (an `ite` over the actions that
    /// change it), over `s` and `sel`.
    public let next: [Term?]
    /// Some action is enabled and `sel` names one of the enabled ones.
    public let enabled: Term
    /// Per step property, that the step `sel` takes from `s` breaks it.
    public let stepViolation: [BuiltInProperty: Term]
    /// Paths per action, for the statistics.
    public let pathCounts: [Int]
    public let buildSeconds: Double
    public let fixpointRounds: Int

    /// The range every cell lies in while the run goes on (`crash == 0`), from the interval
    /// analysis (`reachableRanges`). Used to prune paths during symbolic execution; proved
    /// inductive by `Induction` (`ranges`).
    public let cellRanges: [ClosedRange<Int>]
    /// The bits of every cell's encoding, and the band that keeps `free_objects` exact.
    public let width: EncodingWidth

    public convenience init(model: SlabModel, context: Context, pathLimit: Int = 200_000) throws(SymbolicError) {
        try self.init(model: model, context: context, pathLimit: pathLimit, width: EncodingWidth(layout: model.layout, codec: model.codec))
    }

    /// With a `width` of the caller's: tests narrow the band to see the engines stop at its edge.
    init(model: SlabModel, context: Context, pathLimit: Int, width: EncodingWidth) throws(SymbolicError) {
        let started = ContinuousClock.now
        self.model = model
        self.context = context
        let layout = model.layout
        actions = model.possibleActions
        let initial = SlabState<Int>.initial(layout).cells
        self.width = width
        var packed = [ClosedRange<Int>](repeating: SymbolicValue.fullRange, count: layout.cellCount)
        for (cell, range) in model.codec.cellRanges { packed[cell] = range }
        do {
            var vars: [Term?] = []
            for c in 0..<layout.cellCount { vars.append(try context.bitVectorConstant("s_\(c)", width: width.bits)) }
            selectorWidth = max(1, Int.bitWidth - (actions.count + 1).leadingZeroBitCount)
            selector = try context.bitVectorConstant("sel", width: selectorWidth)

            let analysis = try Self.reachableRanges(
                model: model, context: context, variables: vars, initial: initial, packed: packed, width: width.bits, pathLimit: pathLimit)
            let explored = analysis.paths
            let constant: [Int?] = analysis.ranges.indices.map { c in
                let r = analysis.ranges[c]
                return r.lowerBound == r.upperBound && !analysis.written[c] ? r.lowerBound : nil
            }
            fixpointRounds = analysis.rounds
            cellRanges = analysis.ranges
            constantCells = constant
            variables = (0..<layout.cellCount).map { constant[$0] == nil ? vars[$0] : nil }
            plainState = SlabState(cells: (0..<layout.cellCount).map { c in
                if let k = constant[c] { return .constant(k) }
                return vars[c].map { SymbolicValue(variable: $0) } ?? .constant(0)
            })
            pathCounts = explored.map(\.count)

            // Per action: enabled, next values, step violations.
            var enabledParts: [Term] = []
            var nextTerms: [Term?] = (0..<layout.cellCount).map { constant[$0] == nil ? vars[$0] : nil }
            var violationParts: [BuiltInProperty: [Term]] = [:]
            for (index, paths) in explored.enumerated().reversed() {
                let live = paths.filter { $0.outcome != nil }
                guard !live.isEmpty else { continue }
                let chosen = try selector.eq(context.bitVector(UInt64(index), width: selectorWidth))
                let guards = try live.map { p throws(Z3Error) in try context.and(p.guardParts) }
                enabledParts.append(try context.and([chosen, context.or(guards)]))
                for c in 0..<layout.cellCount where constant[c] == nil {
                    guard let current = nextTerms[c], let variable = vars[c] else { continue }
                    if let value = try Self.nextValue(of: variable, cell: c, paths: live, guards: guards, width: width.bits, context: context) {
                        nextTerms[c] = try context.ite(chosen, then: value, else: current)
                    }
                }
                for (p, g) in zip(live, guards) {
                    guard let violations = p.outcome?.violations else { continue }
                    for property in BuiltInProperty.allCases where violations.contains(property.set) {
                        violationParts[property, default: []].append(try context.and([chosen, g]))
                    }
                }
            }
            next = nextTerms
            enabled = try context.or(enabledParts)
            var stepViolation: [BuiltInProperty: Term] = [:]
            for property in BuiltInProperty.allCases where SlabProperties.stateProperties.firstIndex(of: property) == nil {
                stepViolation[property] = try context.or(violationParts[property] ?? [])
            }
            self.stepViolation = stepViolation
        } catch {
            throw .from(error)
        }
        buildSeconds = seconds(since: started)
    }

    /// A cell's value after one action: an `ite` over the distinct values its paths give it, each
    /// guarded by the disjunction of the paths that give it; nil when no path changes it.
    ///
    /// Only paths that change the cell appear: the paths of one action are disjoint, so when none
    /// of those is taken either another path is (and leaves the cell alone) or the action is not
    /// enabled (and `enabled` rules the step out). This keeps each cell's term proportional to
    /// the paths that write it, not to every path of the action.
    static func nextValue(
        of variable: Term, cell c: Int, paths: [PathExplorer.Path], guards: [Term], width: Int, context: Context
    ) throws(Z3Error) -> Term? {
        var values = GuardedValues()
        for (p, g) in zip(paths, guards) {
            guard let cells = p.outcome?.state.cells else { continue }
            let value = try cells[c].term(in: context, width: width)
            if value != variable { values.add(value, when: g) }
        }
        // The last value needs no test when every path writes the cell.
        return try values.ite(otherwise: values.count == guards.count ? nil : variable, context)
    }

    /// Interval analysis by symbolic execution: per cell, a range that holds in every reachable
    /// state while the run goes on (`crash == 0`; `crash`'s own range holds always), and whether
    /// any step writes it at all (a step that ends the run may leave a value outside the range,
    /// and the properties judge that state too, so such a cell is a variable, not a constant).
    ///
    /// Start from the initial state's values; run every action on states whose cells range over
    /// the current intervals; join each path's result ranges (interval arithmetic in
    /// `SymbolicValue` over-approximates each value); repeat until nothing grows. A cell that keeps
    /// growing is widened to its packed range (outside it a state is `corrupt`, so ended), or to
    /// every value when it has none (`free_objects`). The box is inductive by construction: the
    /// paths of the last round cover every step from a state in it, and their results lie in it.
    /// `Induction` proves it again, with Z3, as the `ranges` conjunct.
    static func reachableRanges(
        model: SlabModel, context: Context, variables: [Term?], initial: [Int], packed: [ClosedRange<Int>], width: Int, pathLimit: Int
    ) throws(SymbolicError) -> (ranges: [ClosedRange<Int>], written: [Bool], paths: [[PathExplorer.Path]], rounds: Int) {
        let layout = model.layout
        var ranges = initial.map { $0...$0 }
        var growths = [Int](repeating: 0, count: layout.cellCount)
        var written = [Bool](repeating: false, count: layout.cellCount)
        var rounds = 0
        while true {
            rounds += 1
            var state = SlabState<SymbolicValue>(cells: [])
            for c in 0..<layout.cellCount {
                if ranges[c].lowerBound == ranges[c].upperBound, !written[c] {
                    state.cells.append(.constant(ranges[c].lowerBound))
                } else if let v = variables[c] {
                    state.cells.append(SymbolicValue(variable: v, range: ranges[c]))
                }
            }
            let explorer = PathExplorer(context: context, pathLimit: pathLimit, width: width)
            var explored: [[PathExplorer.Path]] = []
            var grown = ranges
            var wrote = written
            for action in model.possibleActions {
                var paths = try explorer.paths(of: action, from: state, layout: layout, variant: model.variant)
                for i in paths.indices {
                    guard var outcome = paths[i].outcome else { continue }
                    markCorrupt(&outcome.state, layout: layout, codec: model.codec)
                    paths[i].outcome = outcome
                    for c in 0..<layout.cellCount where !wrote[c] {
                        if outcome.state.cells[c].constantValue != state.cells[c].constantValue { wrote[c] = true }
                    }
                    let crash = outcome.state.cells[layout.crash]
                    grown[layout.crash] = hull(grown[layout.crash], crash.range)
                    if let k = crash.constantValue, k != 0 { continue }  // an ended run: nothing else matters
                    for c in 0..<layout.cellCount where c != layout.crash {
                        let r = outcome.state.cells[c].range.clamped(to: packed[c])
                        grown[c] = hull(grown[c], r)
                    }
                }
                explored.append(paths)
            }
            var changed = wrote != written
            written = wrote
            for c in 0..<layout.cellCount where grown[c] != ranges[c] {
                changed = true
                growths[c] += 1
                ranges[c] = growths[c] > 1 ? packed[c] : grown[c]
            }
            if !changed { return (ranges, written, explored, rounds) }
        }
    }

    static func hull(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> ClosedRange<Int> {
        min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// `SlabModel.step`'s last word: a state whose cells leave the packed ranges ends the run as
    /// `corrupt` (the same test, from `StateCodec.cellRanges`).
    static func markCorrupt(_ state: inout SlabState<SymbolicValue>, layout: Layout, codec: StateCodec) {
        var fits = SymbolicCondition.known(true)
        for (cell, range) in codec.cellRanges {
            let v = state.cells[cell]
            fits = fits.and((v >= .constant(range.lowerBound)).and(v <= .constant(range.upperBound)))
        }
        state.cells[layout.crash] = SymbolicValue.select(fits, state.cells[layout.crash], .constant(Crash.corrupt.rawValue))
    }

    /// Whether state-property `property` holds, over `s` (nil for a step property).
    public func holds(_ property: BuiltInProperty) throws(SymbolicError) -> Term? {
        guard let condition = model.properties.holds(property, in: plainState) else { return nil }
        do {
            return try condition.term(in: context)
        } catch {
            throw .z3(error)
        }
    }

    /// The state properties `r`: `crash` in range, and every ranged cell in its range while the run
    /// goes on (over `s`).
    public func rangeInvariant() throws(Z3Error) -> Term {
        let layout = model.layout
        var parts: [Term] = []
        var inRange: [Term] = []
        for c in 0..<layout.cellCount {
            let range = cellRanges[c]
            guard let v = variables[c], range != SymbolicValue.fullRange else { continue }
            let lo = try context.bitVector(UInt64(bitPattern: Int64(range.lowerBound)), width: width.bits)
            let hi = try context.bitVector(UInt64(bitPattern: Int64(range.upperBound)), width: width.bits)
            let bounded = try context.and([v.sge(lo), v.sle(hi)])
            if c == layout.crash { parts.append(bounded) } else { inRange.append(bounded) }
        }
        if let crash = variables[layout.crash] {
            let running = try crash.eq(context.bitVector(0, width: width.bits))
            parts.append(try running.implies(context.and(inRange)))
        } else {
            parts.append(try context.and(inRange))
        }
        return try context.and(parts)
    }

    /// `free_objects` lies in the band where its `width.bits`-bit encoding is exact (over `s`).
    public func freeObjectsInBand() throws(Z3Error) -> Term {
        guard let v = variables[model.layout.freeObjects] else { return try context.bool(true) }
        let band = UInt64(width.band)
        return try context.and([
            v.sgt(context.bitVector(UInt64(bitPattern: -Int64(band)), width: width.bits)),
            v.slt(context.bitVector(band, width: width.bits)),
        ])
    }

    /// One copy of the state variables (and a selector) for one position of an unrolling.
    public struct Frame {
        public let cells: [Term?]
        public let selector: Term
    }

    /// Fresh variables for position `index` of an unrolling.
    public func frame(_ index: Int, prefix: String) throws(Z3Error) -> Frame {
        var cells: [Term?] = []
        for c in 0..<model.layout.cellCount {
            cells.append(variables[c] == nil ? nil : try context.bitVectorConstant("\(prefix)\(index)_\(c)", width: width.bits))
        }
        return Frame(cells: cells, selector: try context.bitVectorConstant("\(prefix)sel\(index)", width: selectorWidth))
    }

    /// `term` (over `s` and `sel`) at `frame`.
    public func instantiate(_ term: Term, at frame: Frame) throws(Z3Error) -> Term {
        var pairs: [(from: Term, to: Term)] = [(selector, frame.selector)]
        for c in 0..<variables.count {
            if let v = variables[c], let x = frame.cells[c] { pairs.append((v, x)) }
        }
        return try term.substitute(pairs)
    }

    /// The transition from `from` (with its selector) to `to`.
    public func transition(from: Frame, to: Frame) throws(Z3Error) -> Term {
        var parts = [try instantiate(enabled, at: from)]
        for c in 0..<variables.count {
            guard let n = next[c], let x = to.cells[c] else { continue }
            parts.append(try x.eq(instantiate(n, at: from)))
        }
        return try context.and(parts)
    }

    /// `frame` is the initial state.
    public func isInitial(_ frame: Frame) throws(Z3Error) -> Term {
        let initial = SlabState<Int>.initial(model.layout).cells
        var parts: [Term] = []
        for c in 0..<variables.count {
            guard let x = frame.cells[c] else { continue }
            parts.append(try x.eq(context.bitVector(UInt64(bitPattern: Int64(initial[c])), width: width.bits)))
        }
        return try context.and(parts)
    }

    /// The concrete state `frame` holds in `z3model`.
    public func state(of frame: Frame, in z3model: Z3Kit.Model) throws(Z3Error) -> SlabState<Int> {
        var cells: [Int] = []
        for c in 0..<constantCells.count {
            if let k = constantCells[c] {
                cells.append(k)
            } else if let x = frame.cells[c], let value = try z3model.uint64Value(of: x) {
                cells.append(signedCellValue(value, width: width.bits))
            } else {
                cells.append(0)
            }
        }
        return SlabState(cells: cells)
    }

    /// The action `frame`'s selector names in `z3model`.
    public func action(of frame: Frame, in z3model: Z3Kit.Model) throws(Z3Error) -> SlabAction? {
        guard let raw = try z3model.uint64Value(of: frame.selector), raw < UInt64(actions.count) else { return nil }
        return actions[Int(raw)]
    }
}
