import ModelKit
import SlabModel
import Z3Kit

/// The SLAB model as a symbolic transition system, derived by running the model's own step
/// function (`slabStep`) on symbolic states with the path-exploring oracle.
///
/// State: one bit-vector `s_c` per cell before a step, `t_c` after it (for step properties), and
/// a selector `sel` that picks the step's action. The relation is built lazily, one round of the
/// interval analysis at a time (`IntervalAnalysis`): step k of a run from the initial state uses
/// round k's relation, which only covers the states reachable within k − 1 steps, and every step
/// of an arbitrary reachable state (induction's step case) uses the converged round's. Terms are
/// built once over `s`, `sel` and `t` and instantiated per position of an unrolling (`Frame`).
public final class TransitionSystem {
    public let model: SlabModel
    public let context: Context
    public let actions: [SlabAction]
    /// `s_c` for every cell.
    public let variables: [Term]
    /// `t_c` for every cell: the state after a step.
    public let afterVariables: [Term]
    public let selector: Term
    public let selectorWidth: Int
    /// The state over `s`, for properties: variables without range assumptions.
    public let plainState: SlabState<SymbolicValue>
    /// The state over `t`, for step properties.
    public let afterState: SlabState<SymbolicValue>
    /// The bits of every cell's encoding, and the band that keeps `free_objects` exact.
    public let width: EncodingWidth
    private(set) var analysis: IntervalAnalysis
    /// The built-in state properties every state a step starts from is known to satisfy, so that
    /// the relation need only be exact for such states (`assume`); none at first.
    public private(set) var assumed: [BuiltInProperty] = []
    /// The seconds spent building the relation so far (its rounds are built when first needed).
    public private(set) var buildSeconds: Double = 0

    public convenience init(model: SlabModel, context: Context, pathLimit: Int = 200_000) throws(SymbolicError) {
        try self.init(
            model: model, context: context, pathLimit: pathLimit,
            width: EncodingWidth(layout: model.layout, codec: model.codec))
    }

    /// With a `width` of the caller's: tests narrow the band to see the engines stop at its edge.
    init(model: SlabModel, context: Context, pathLimit: Int, width: EncodingWidth) throws(SymbolicError) {
        self.model = model
        self.context = context
        self.width = width
        let layout = model.layout
        actions = model.possibleActions
        do {
            var before: [Term] = []
            var after: [Term] = []
            for c in 0..<layout.cellCount {
                before.append(try context.bitVectorConstant("s_\(c)", width: width.bits))
                after.append(try context.bitVectorConstant("t_\(c)", width: width.bits))
            }
            variables = before
            afterVariables = after
            selectorWidth = max(1, Int.bitWidth - (actions.count + 1).leadingZeroBitCount)
            selector = try context.bitVectorConstant("sel", width: selectorWidth)
        } catch {
            throw .z3(error)
        }
        plainState = SlabState(cells: variables.map { SymbolicValue(variable: $0) })
        afterState = SlabState(cells: afterVariables.map { SymbolicValue(variable: $0) })
        analysis = IntervalAnalysis(
            model: model, context: context, variables: variables, selector: selector, selectorWidth: selectorWidth,
            width: width.bits,
            pathLimit: pathLimit, invariant: nil)
    }

    /// From now on, builds each step's relation only for states that satisfy `properties` and
    /// keep `free_objects` in its band: the explorer drops every path such a state cannot take
    /// (`PathPruner`), and the box of reachable states shrinks with the paths. The engine that
    /// says so must assert the same of every state a step of its unrolling starts from: BMC what
    /// it has shown of the shallower depths, induction its hypothesis. Relations built under other
    /// assumptions are dropped.
    public func assume(_ properties: [BuiltInProperty]) throws(SymbolicError) {
        guard properties != assumed else { return }
        var invariant: StateFormula?
        if !properties.isEmpty {
            let formulas = properties.compactMap(holds)
            let band: Term
            do {
                band = try freeObjectsInBand()
            } catch {
                throw .z3(error)
            }
            invariant = { [context] (state) throws(SymbolicError) in
                var parts = [band]
                for f in formulas { parts.append(try f(state)) }
                do throws(Z3Error) {
                    return try context.and(parts)
                } catch {
                    throw .z3(error)
                }
            }
        }
        assumed = properties
        analysis = analysis.restarted(assuming: invariant)
    }

    /// The relation of step `step` of a run from the initial state (nil: of any step).
    func relation(forStep step: Int?, deadline: Deadline) throws(SymbolicError) -> StepRelation {
        let started = ContinuousClock.now
        defer { buildSeconds += seconds(since: started) }
        // The round first: `relations` read before it would be the array as it was, without it.
        let round = try analysis.round(forStep: step, deadline: deadline)
        return analysis.relations[round - 1]
    }

    /// The box of the states reachable within `steps` steps (nil: any number), its rounds run
    /// first if need be.
    func box(afterSteps steps: Int?, deadline: Deadline) throws(SymbolicError) -> Box {
        let started = ContinuousClock.now
        defer { buildSeconds += seconds(since: started) }
        return try analysis.box(afterSteps: steps, deadline: deadline)
    }

    /// Narrows box `steps` to `ranges` (`IntervalAnalysis.narrow(box:to:)`): the caller must have
    /// shown that they hold every running state reachable within `steps` steps.
    func narrow(box steps: Int, to ranges: [ClosedRange<Int>]) -> Bool {
        analysis.narrow(box: steps, to: ranges)
    }

    /// Per cell, the values a state `steps` steps into a run may hold, ended runs included, its
    /// rounds run first if need be.
    func outcomeRanges(afterSteps steps: Int, deadline: Deadline) throws(SymbolicError) -> [ClosedRange<Int>] {
        let started = ContinuousClock.now
        defer { buildSeconds += seconds(since: started) }
        return try analysis.outcomeRanges(afterSteps: steps, deadline: deadline)
    }

    /// Whether state-property `property` holds in a symbolic state (nil for a step property).
    public func holds(_ property: BuiltInProperty) -> StateFormula? {
        guard SlabProperties.stateProperties.contains(property) else { return nil }
        return { [model, context] (state) throws(SymbolicError) in
            guard let condition = model.properties.holds(property, in: state) else {
                throw .internalError("\(property.rawValue) is listed as a state property but has no formula")
            }
            do throws(Z3Error) {
                return try condition.term(in: context)
            } catch {
                throw .z3(error)
            }
        }
    }

    /// An auxiliary invariant as a formula, for induction's strengthening.
    public func holds(_ invariant: AuxiliaryInvariant) -> StateFormula {
        { [model, context] (state) throws(SymbolicError) in
            do throws(Z3Error) {
                return try model.properties.holds(invariant, in: state).term(in: context)
            } catch {
                throw .z3(error)
            }
        }
    }

    /// `crash` in range, and every cell in the box of the states reachable within `steps` steps
    /// while the run goes on (over `s`). For the converged box (nil) it is induction's `ranges`
    /// conjunct; for a step's box, BMC tells the solver what the box's paths were pruned with.
    public func rangeInvariant(afterSteps steps: Int? = nil, deadline: Deadline = .none) throws(SymbolicError) -> Term {
        let box = try box(afterSteps: steps, deadline: deadline)
        do {
            return try box.contains(variables, crash: model.layout.crash, width: width.bits, context)
        } catch {
            throw .z3(error)
        }
    }

    /// `free_objects` lies in the band where its `width.bits`-bit encoding is exact (over `s`).
    public func freeObjectsInBand() throws(Z3Error) -> Term {
        let v = variables[model.layout.freeObjects]
        let band = UInt64(width.band)
        return try context.and([
            v.sgt(context.bitVector(UInt64(bitPattern: -Int64(band)), width: width.bits)),
            v.slt(context.bitVector(band, width: width.bits)),
        ])
    }
}

extension TransitionSystem {
    /// How much of the relation has been built, for the statistics.
    public struct BuildReport {
        /// Paths of each round explored so far: round k's are step k's relation.
        public var roundPaths: [Int]
        /// The round after which the box stopped growing, once one did: its relation serves every
        /// later step.
        public var fixpoint: Int?
        /// Cells the last box leaves free, and all cells.
        public var freeCells: Int
        public var cells: Int
        /// The actions of the last round with the most paths: where a slow build spends them.
        public var mostPaths: [(action: SlabAction, paths: Int)]
        /// The properties the relation was built for (`assume`), and what pruning for them cost
        /// and dropped, a round that did not finish included.
        public var assumed: [BuiltInProperty]
        public var pruning: Pruning
        public var seconds: Double
    }

    public var report: BuildReport {
        let last = analysis.boxes[analysis.relations.count]
        let cells = model.layout.cellCount
        let most = zip(actions, analysis.pathCounts.last ?? []).sorted { $0.1 > $1.1 }.prefix(3)
        return BuildReport(
            roundPaths: analysis.pathCounts.map { $0.reduce(0, +) }, fixpoint: analysis.fixpoint,
            freeCells: (0..<cells).filter { last.constant($0) == nil }.count, cells: cells,
            mostPaths: most.map { (action: $0.0, paths: $0.1) }, assumed: assumed,
            pruning: (analysis.pruning + [analysis.unfinished].compactMap { $0 }).reduce(Pruning(), +),
            seconds: buildSeconds)
    }
}
