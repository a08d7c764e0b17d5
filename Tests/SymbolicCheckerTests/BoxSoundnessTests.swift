import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

/// A box must hold every state a run reaches in its steps: BMC's frames are narrow variables of
/// the box's outcome ranges, so a reachable value outside them is a run BMC cannot see. The
/// concrete model's own runs, breadth first over raw (not canonical) states, are the witnesses.
@Suite struct BoxSoundnessTests {
    /// Every state the concrete model reaches within `k` steps, running or ended, by depth.
    static func reachable(_ model: SlabModel, depth: Int) -> [[SlabState<Int>]] {
        var layers = [[SlabState<Int>.initial(model.layout)]]
        var seen = Set(layers[0].map(\.cells))
        for _ in 0..<depth {
            var next: [SlabState<Int>] = []
            for state in layers.last ?? [] where !model.isTerminal(state) {
                for action in model.possibleActions {
                    guard let outcome = model.step(action, from: state), seen.insert(outcome.state.cells).inserted
                    else { continue }
                    next.append(outcome.state)
                }
            }
            layers.append(next)
        }
        return layers
    }

    @Test(arguments: [("tiny", Configs.tiny, 6), ("small", Configs.small, 5), ("medium", Configs.medium, 4)])
    func everyStateARunReachesLiesInTheBoxOfItsDepth(name: String, configuration: Configuration, depth: Int) throws {
        let model = SlabModel(configuration: configuration, variant: .seed)
        let system = try TransitionSystem(model: model, context: Context())
        try system.assume(SlabProperties.stateProperties)
        let layers = Self.reachable(model, depth: depth)
        var within: [SlabState<Int>] = []
        for (k, layer) in layers.enumerated() {
            within += layer
            let box = try system.box(afterSteps: k, deadline: .none)
            let outcomes = try system.outcomeRanges(afterSteps: k, deadline: .none)
            var outside: [String] = []
            for state in within {
                for (c, v) in state.cells.enumerated() {
                    if !outcomes[c].contains(v) {
                        outside.append("cell \(c) = \(v) outside its outcome range \(outcomes[c])")
                    }
                    if !model.isTerminal(state), !box.ranges[c].contains(v) {
                        outside.append("cell \(c) = \(v) of a running state outside the box's \(box.ranges[c])")
                    }
                }
            }
            #expect(outside.isEmpty, "\(name), \(k) steps: \(outside.count) cells, first \(outside.prefix(3))")
        }
    }

    /// BMC narrows each box of its run to the hull of the running states its unrolling reaches
    /// (`BoundedModelChecker.reachableHull`), which for the seed are exactly the states the
    /// concrete model reaches: no tighter (that would lose a run) and no wider.
    @Test(arguments: [("tiny", Configs.tiny, 6), ("small", Configs.small, 5)])
    func bmcNarrowsTheBoxesOfItsRunToTheHullOfTheStatesRunsReach(name: String, configuration: Configuration, depth: Int)
        throws
    {
        let model = SlabModel(configuration: configuration, variant: .seed)
        let system = try TransitionSystem(model: model, context: Context())
        let result = try BoundedModelChecker(system: system).run(properties: [.conservation], depth: depth)
        #expect(result.depthReached == depth)
        let layers = Self.reachable(model, depth: depth)
        var hull: [ClosedRange<Int>?] = Array(repeating: nil, count: model.layout.cellCount)
        for k in 0..<depth {
            for state in layers[k] where !model.isTerminal(state) {
                for (c, v) in state.cells.enumerated() {
                    hull[c] = hull[c].map { IntervalAnalysis.hull($0, v...v) } ?? v...v
                }
            }
            let box = try system.box(afterSteps: k, deadline: .none)
            let differ = (0..<model.layout.cellCount).filter { $0 != model.layout.crash && hull[$0] != box.ranges[$0] }
            #expect(
                differ.isEmpty,
                "\(name), \(k) steps: cells \(differ.map { "\($0): box \(box.ranges[$0]), runs \(String(describing: hull[$0]))" })"
            )
        }
    }
}
