import ModelKit
import SlabModel
import Z3Kit

/// The transition relation `T(s, sel, s')` as one merged circuit, built once per configuration by
/// running the model's own `slabStep` on the symbolic state `s` with the merging oracle, once per
/// action: no paths, no boxes, no solver call. It is exact for every state, so the same circuit
/// serves every depth of BMC and induction's step case alike.
public struct Circuit {
    /// Per cell, its value after the step `sel` chooses, over `s` and `sel`.
    public let next: [Term]
    /// `sel` names an action, and that action is enabled in `s`.
    public let enabled: Term
    /// Per step property, that the step `sel` takes from `s` breaks it.
    public let stepViolation: [BuiltInProperty: Term]
    /// Seconds the build took.
    public let seconds: Double
    /// Per action, how many distinct terms its own step has (every cell after it, and where it is
    /// enabled), largest first: where the circuit's size comes from.
    public let actionTerms: [(action: SlabAction, terms: Int)]

    /// Builds the circuit over `system`'s variables `s` and selector `sel`.
    public init(system: TransitionSystem) throws(SymbolicError) {
        let started = ContinuousClock.now
        let model = system.model
        let context = system.context
        let width = system.width.bits
        let start = SlabState(cells: system.variables.map { CircuitValue.term($0) })
        var nextTerms = system.variables
        var enabledParts: [Term] = []
        var violationParts: [BuiltInProperty: [Term]] = [:]
        var actionTerms: [(action: SlabAction, terms: Int)] = []
        for (index, action) in system.actions.enumerated().reversed() {
            guard let step = try Self.step(action, from: start, model: model) else { continue }
            do throws(Z3Error) {
                let chosen = try system.selector.eq(context.bitVector(UInt64(index), width: system.selectorWidth))
                let enabled = try step.enabled.term(in: context)
                enabledParts.append(try context.and([chosen, enabled]))
                var roots = [enabled]
                for c in nextTerms.indices {
                    let value = try step.state.cells[c].term(in: context, width: width)
                    roots.append(value)
                    if value != system.variables[c] {
                        nextTerms[c] = try context.ite(chosen, then: value, else: nextTerms[c])
                    }
                }
                actionTerms.append((action, Self.countTerms(roots)))
                for (property, condition) in step.violated {
                    let broken = try condition.term(in: context)
                    violationParts[property, default: []].append(try context.and([chosen, enabled, broken]))
                }
            } catch {
                throw .z3(error)
            }
        }
        next = nextTerms
        self.actionTerms = actionTerms.sorted { $0.terms > $1.terms }
        do throws(Z3Error) {
            enabled = try context.or(enabledParts)
            var stepViolation: [BuiltInProperty: Term] = [:]
            for property in BuiltInProperty.allCases where !SlabProperties.stateProperties.contains(property) {
                stepViolation[property] = try context.or(violationParts[property] ?? [])
            }
            self.stepViolation = stepViolation
        } catch {
            throw .z3(error)
        }
        seconds = SymbolicChecker.seconds(since: started)
    }

    /// One action's merged step from `start`: nil when the action is never enabled (a
    /// configuration without interrupts has no `irqAlloc`).
    static func step(_ action: SlabAction, from start: SlabState<CircuitValue>, model: SlabModel) throws(SymbolicError)
        -> MergedStep?
    {
        try step(action, from: start, model: model, on: MergingOracle.Run())
    }

    /// `step` on a run of the caller's: one that follows a path to a segment's start, or cuts
    /// its paths at joins.
    static func step(
        _ action: SlabAction, from start: SlabState<CircuitValue>, model: SlabModel, on run: MergingOracle.Run
    ) throws(SymbolicError) -> MergedStep? {
        let layout = model.layout
        let outcome = slabStep(
            action, from: start, layout: layout, variant: model.variant, oracle: MergingOracle(run: run))
        if let misplaced = run.misplaced { throw .internalError("\(action): \(misplaced)") }
        guard var state = outcome?.state else { return nil }
        for (guardCondition, crash) in run.crashed {
            state.cells[layout.crash] = CircuitValue.select(
                guardCondition, .constant(crash.rawValue), state.cells[layout.crash])
        }
        model.codec.stopIfCorrupt(&state, crash: layout.crash)
        for cell in state.cells {
            if case .failed(let error) = cell { throw .z3(error) }
        }
        return MergedStep(state: state, enabled: run.ended, violated: run.violated, cuts: run.cuts ?? [])
    }

    /// How many distinct terms the circuit has (Z3 shares equal sub-terms): its size.
    public func termCount() -> Int {
        Self.countTerms(next + [enabled] + Array(stepViolation.values))
    }

    /// How many distinct terms `roots` are made of.
    static func countTerms(_ roots: [Term]) -> Int {
        var seen: Set<UInt32> = []
        var stack = roots
        while let t = stack.popLast() {
            guard seen.insert(t.id).inserted else { continue }
            stack += t.arguments
        }
        return seen.count
    }
}

/// One action's step as the merged run leaves it.
struct MergedStep {
    /// Each cell after the step, on every path at once.
    var state: SlabState<CircuitValue>
    /// Where the action is enabled (it ended, normally or at a crash).
    var enabled: CircuitCondition
    /// Per step property, where the step breaks it.
    var violated: [BuiltInProperty: CircuitCondition]
    /// A segment's paths that stopped at a join, where the next segment takes over: not in
    /// `enabled`, and not in `state`, which holds where the step ended.
    var cuts: [Cut] = []
}
