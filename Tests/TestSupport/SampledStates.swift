import ModelKit
import SlabModel

/// The states of random runs of the concrete model from the initial state, ended ones included:
/// reachable, and varied (grows, frees, refills, interrupts, crashes).
public func sampledStates(_ model: SlabModel, runs: Int, length: Int, seed: UInt64) -> [SlabState<Int>] {
    var random = SplitMix64(seed: seed)
    var states: [SlabState<Int>] = []
    for _ in 0..<runs {
        var state = SlabState<Int>.initial(model.layout)
        for _ in 0..<length {
            states.append(state)
            let enabled = model.possibleActions.filter { model.isEnabled($0, in: state) }
            guard !enabled.isEmpty else { break }
            let action = enabled[Int(random.next() % UInt64(enabled.count))]
            guard let outcome = model.step(action, from: state) else { break }
            state = outcome.state
        }
    }
    return states
}
