import ModelKit
import SlabModel
import SlabProperty
import SlabTrace

/// A named configuration for lockstep runs.
public struct LockstepSubject: Hashable, Sendable {
    public var name: String
    public var configuration: Configuration

    public init(name: String, configuration: Configuration) {
        self.name = name
        self.configuration = configuration
    }

    /// tiny, small, medium and large (the model's Configuration), each as given and with one tuning triple.
    public static let standard: [LockstepSubject] = {
        let (tiny, small, medium, large): (Configuration, Configuration, Configuration, Configuration) = (
            .tiny, .small, .medium, .large
        )
        func tuned(_ c: Configuration, _ limit: Int, _ batchcount: Int, _ sharedFactor: Int) -> Configuration {
            c.tuned(limit: limit, batchcount: batchcount, sharedFactor: sharedFactor)
        }
        return [
            LockstepSubject(name: "tiny", configuration: tiny),
            LockstepSubject(name: "tiny+tune(1,1,2)", configuration: tuned(tiny, 1, 1, 2)),
            LockstepSubject(name: "small", configuration: small),
            LockstepSubject(name: "small+tune(3,2,0)", configuration: tuned(small, 3, 2, 0)),
            LockstepSubject(name: "medium", configuration: medium),
            LockstepSubject(name: "medium+tune(2,1,1)", configuration: tuned(medium, 2, 1, 1)),
            LockstepSubject(name: "large", configuration: large),
            LockstepSubject(name: "large+tune(6,3,2)", configuration: tuned(large, 6, 3, 2)),
        ]
    }()
}

/// A place where the model and the real allocator parted in a lockstep run, with what is needed to
/// see it again: the seed, and the episode's actions from the initial state.
public struct LockstepDivergence: Sendable, CustomStringConvertible {
    public var subject: String
    public var variant: Variant
    public var seed: UInt64
    public var episode: Int
    /// The step of the episode (1-based) after which the two differ.
    public var step: Int
    public var difference: Difference
    /// The first step of the episode at which the model reported a violation, if any by then.
    public var firstViolation: Int?
    /// The episode's actions up to and including the divergent one.
    public var actions: [SlabAction]

    /// The episode as the model runs it, as a trace file would hold it (a run, naming no property).
    public func trace(configuration: Configuration) throws(TraceError) -> SlabTrace {
        let model = SlabModel(configuration: configuration, variant: variant)
        let origin = SlabTrace.Origin(
            spec: "differential \(subject) seed \(seed) episode \(episode)", configuration: configuration,
            variant: variant, property: nil, engine: "lockstep")
        return try SlabTrace.run(actions, on: model, origin: origin).get()
    }

    /// A divergence the model did not announce with a violation at or before it.
    public var isPremature: Bool { firstViolation.map { $0 > step } ?? true }

    public var description: String {
        let announced = firstViolation.map { "model violation first at step \($0)" } ?? "no model violation before it"
        return
            "\(subject) \(variant.rawValue) seed \(seed) episode \(episode): diverged at step \(step): \(difference) (\(announced)); actions: "
            + actions.map(\.description).joined(separator: ", ")
    }
}

/// What a lockstep run did.
public struct LockstepReport: Sendable {
    public var steps = 0
    public var episodes = 0
    /// Episodes in which the model reported a violation.
    public var violatingEpisodes = 0
    public var divergences: [LockstepDivergence] = []
    /// How often each kind of action (`alloc`, `growDone`, …) ran.
    public var actionCounts: [String: Int] = [:]

    public init() {}

    public var prematureDivergences: [LockstepDivergence] { divergences.filter(\.isPremature) }

    public mutating func add(_ other: LockstepReport) {
        steps += other.steps
        episodes += other.episodes
        violatingEpisodes += other.violatingEpisodes
        divergences += other.divergences
        actionCounts.merge(other.actionCounts, uniquingKeysWith: +)
    }
}

/// Lockstep differential testing: random schedules run on the model and on the real allocator at
/// once, the states compared after every step.
///
/// At each step the schedule picks uniformly among the actions the model enables
/// (`SlabModel.actions(in:into:)`). An episode starts from the initial state on a fresh real
/// allocator and ends after `episodeLength` steps, at a crash (no successors), or at the first
/// divergence (after which the two no longer run the same schedule).
public struct Lockstep: Sendable {
    public var subject: LockstepSubject
    public var variant: Variant
    public var seed: UInt64
    public var episodeLength: Int

    public init(subject: LockstepSubject, variant: Variant = .seed, seed: UInt64, episodeLength: Int = 200) {
        self.subject = subject
        self.variant = variant
        self.seed = seed
        self.episodeLength = max(1, episodeLength)
    }

    /// Runs episodes until `steps` steps have been taken in all.
    public func run(steps budget: Int) throws(ReplayError) -> LockstepReport {
        let model = SlabModel(configuration: subject.configuration, variant: variant)
        var rng = SplitMix64(seed: seed)
        var report = LockstepReport()
        var enabled: [SlabAction] = []
        while report.steps < budget {
            report.episodes += 1
            let episode = report.episodes
            var pair = try LockstepPair(model: PropertyModel(model))
            var actions: [SlabAction] = []
            var firstViolation: Int?
            if let d = pair.initialDifference() {
                report.divergences.append(
                    LockstepDivergence(
                        subject: subject.name, variant: variant, seed: seed, episode: episode, step: 0, difference: d,
                        firstViolation: nil, actions: []))
                continue
            }
            for k in 1...episodeLength {
                guard report.steps < budget, !model.isTerminal(pair.state) else { break }
                enabled.removeAll(keepingCapacity: true)
                model.actions(in: pair.state, into: &enabled)
                guard !enabled.isEmpty else { break }
                let action = enabled[Int.random(in: 0..<enabled.count, using: &rng)]
                actions.append(action)
                report.steps += 1
                report.actionCounts[action.name, default: 0] += 1
                guard let observed = pair.perform(action) else { break }
                if !observed.broken.isEmpty, firstViolation == nil {
                    firstViolation = k
                    report.violatingEpisodes += 1
                }
                if let difference = observed.difference {
                    report.divergences.append(
                        LockstepDivergence(
                            subject: subject.name, variant: variant, seed: seed, episode: episode, step: k,
                            difference: difference, firstViolation: firstViolation, actions: actions))
                    break
                }
            }
        }
        return report
    }
}

extension SlabTrace.Returned {
    /// A model step's return value in trace form.
    public init?(_ returned: Int??) {
        switch returned {
        case .some(.some(let o)): self = .object(o)
        case .some(.none): self = .null
        case .none: return nil
        }
    }
}
