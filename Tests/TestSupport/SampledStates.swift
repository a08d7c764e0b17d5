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

/// `sampledStates`, each followed by itself with one object held once more: that breaks
/// `conservation` where the object's slab is live, so a property's negation meets states on both
/// sides.
public func sampledStatesAndOneMoreHeld(_ model: SlabModel, runs: Int, length: Int, seed: UInt64) -> [SlabState<Int>] {
    var states: [SlabState<Int>] = []
    for s in sampledStates(model, runs: runs, length: length, seed: seed) {
        states.append(s)
        var t = s
        t[model.layout.held(Int(s[model.layout.freeObjects]) % model.layout.objects)] += 1
        states.append(t)
    }
    return states
}
