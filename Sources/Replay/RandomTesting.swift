import ModelKit
import SlabModel
import SlabProperty
import SlabTrace

/// Property-based testing of the real allocator: random schedules run on the model and the real
/// allocator in lockstep (`LockstepPair`), every property judged after every step; the first
/// failure, a broken property or a divergence, is shrunk to a minimal schedule that still fails
/// the same way.
public struct RandomTesting {
    package let model: PropertyModel
    public var runs: Int
    public var steps: Int
    public var seed: UInt64

    package init(model: PropertyModel, runs: Int, steps: Int, seed: UInt64) {
        self.model = model
        self.runs = max(1, runs)
        self.steps = max(1, steps)
        self.seed = seed
    }

    public enum Failure: Sendable, Equatable, CustomStringConvertible {
        case property([String])
        case divergence(Difference)

        /// Whether `other` is the same failure for shrinking: a shared broken property, or a divergence.
        func matches(_ other: Failure) -> Bool {
            switch (self, other) {
            case (.property(let a), .property(let b)): !Set(a).isDisjoint(with: b)
            case (.divergence, .divergence): true
            default: false
            }
        }

        public var description: String {
            switch self {
            case .property(let names): "broke " + names.joined(separator: ", ")
            case .divergence(let d): "model and real allocator diverged: \(d)"
            }
        }
    }

    public struct Found: Sendable {
        /// The run that failed, and the seed that makes `--runs 1` repeat it.
        public var run: Int
        public var seed: UInt64
        public var original: [SlabAction]
        public var shrunk: [SlabAction]
        public var failure: Failure
    }

    public struct Report: Sendable {
        public var runs = 0
        public var steps = 0
        public var found: Found?
    }

    /// Run `i`'s seed: run 0 uses `seed` itself, so a printed run seed reproduces with one run.
    public func seed(ofRun i: Int) -> UInt64 { seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15 }

    public func run() throws(ReplayError) -> Report {
        var report = Report()
        var enabled: [SlabAction] = []
        for i in 0..<runs {
            report.runs += 1
            var rng = SplitMix64(seed: seed(ofRun: i))
            var pair = try LockstepPair(model: model)
            var actions: [SlabAction] = []
            var failure: Failure? = pair.initialDifference().map { .divergence($0) }
            while failure == nil, actions.count < steps, !model.isTerminal(pair.state) {
                enabled.removeAll(keepingCapacity: true)
                model.actions(in: pair.state, into: &enabled)
                guard !enabled.isEmpty else { break }
                let action = enabled[Int.random(in: 0..<enabled.count, using: &rng)]
                guard let observed = pair.perform(action) else { break }
                actions.append(action)
                report.steps += 1
                failure = Self.failure(observed)
            }
            if let failure {
                let shrunk = try shrink(actions, failing: failure)
                report.found = Found(
                    run: i, seed: seed(ofRun: i), original: actions, shrunk: shrunk.actions, failure: shrunk.failure)
                return report
            }
        }
        return report
    }

    static func failure(_ observed: LockstepPair.Observation) -> Failure? {
        if !observed.broken.isEmpty { return .property(observed.broken) }
        return observed.difference.map { .divergence($0) }
    }

    /// Runs `actions` from the initial state, dropping those the model does not enable where they
    /// come; the schedule actually run up to its first failure, and that failure.
    public func firstFailure(of actions: [SlabAction]) throws(ReplayError) -> (actions: [SlabAction], failure: Failure)?
    {
        var pair = try LockstepPair(model: model)
        if let d = pair.initialDifference() { return ([], .divergence(d)) }
        var kept: [SlabAction] = []
        for action in actions {
            if model.isTerminal(pair.state) { break }
            guard let observed = pair.perform(action) else { continue }
            kept.append(action)
            if let failure = Self.failure(observed) { return (kept, failure) }
        }
        return nil
    }

    /// Fewest steps first (removing ever smaller blocks of steps), then the simplest arguments
    /// (each argument as small as it can be), until neither changes anything.
    public func shrink(_ actions: [SlabAction], failing target: Failure) throws(ReplayError) -> (
        actions: [SlabAction], failure: Failure
    ) {
        var best = (actions: actions, failure: target)
        func accept(_ candidate: [SlabAction]) throws(ReplayError) -> Bool {
            guard let found = try firstFailure(of: candidate), found.failure.matches(target) else { return false }
            best = found
            return true
        }
        var changed = true
        while changed {
            changed = false
            var size = max(1, best.actions.count / 2)
            while size >= 1 {
                var i = 0
                while i < best.actions.count {
                    var candidate = best.actions
                    candidate.removeSubrange(i..<min(i + size, candidate.count))
                    if try accept(candidate) { changed = true } else { i += size }
                }
                size /= 2
            }
            for i in best.actions.indices where i < best.actions.count {
                for simpler in Self.simplifications(of: best.actions[i]) {
                    var candidate = best.actions
                    candidate[i] = simpler
                    let before = best.actions.count
                    if try accept(candidate), best.actions.count <= before {
                        changed = true
                        break
                    }
                }
            }
        }
        return best
    }

    /// The action with one argument made smaller, simplest first.
    static func simplifications(of action: SlabAction) -> [SlabAction] {
        var found: [SlabAction] = []
        let arguments = action.arguments
        for (k, argument) in arguments.enumerated() {
            for smaller in 0..<max(0, argument.value) {
                var named = Dictionary(uniqueKeysWithValues: arguments.map { ($0.name, $0.value) })
                named[arguments[k].name] = smaller
                if let a = SlabAction(name: action.name, arguments: named) { found.append(a) }
            }
        }
        return found
    }

    /// The shrunk schedule as the model runs it, for `Counterexamples/`.
    public func trace(_ found: Found, spec: String) -> Result<SlabTrace, TraceError> {
        let property: String? = if case .property(let names) = found.failure { names.first } else { nil }
        let origin = SlabTrace.Origin(
            spec: "random \(spec) seed \(found.seed)", configuration: model.layout.config, variant: model.base.variant,
            property: property, engine: "random")
        return SlabTrace.run(found.shrunk, on: model, origin: origin)
    }
}
