import ExplicitChecker
import ModelKit
import SlabModel
import SymbolicChecker
import Z3Kit

/// The two engines held against each other on one model: the shortest violation of every
/// property, and the number of states reachable within d steps. Any difference is a bug in one
/// of them; the tests run it at small depths, `bench-symbolic --only cross-check` at depth 8.
public enum CrossCheck {
    /// The shortest violation depth of each property by breadth-first search (no symmetry), within
    /// `depth`. One search per property: a search judging several keeps going after the first
    /// violation, and then keeps the sighting with the smallest fingerprint, not the shallowest.
    public static func bfsDepths(_ model: SlabModel, depth: Int) throws -> [BuiltInProperty: Int] {
        var depths: [BuiltInProperty: Int] = [:]
        for p in BuiltInProperty.allCases {
            let options = ExplicitOptions(properties: p.set, maxDepth: depth, threads: 1, symmetry: .none)
            let result = try ExplicitChecker(model: model, options: options).run()
            if let found = result.counterexamples[p.index] { depths[p] = found.steps.count }
        }
        return depths
    }

    /// The shortest violation depth of each property by BMC, within `depth`. A property BMC could
    /// not judge to the bound (Z3 `unknown`, a time limit) throws: a missing depth must mean
    /// "no violation", never "no answer". A `conservationPruningLimit` replaces BMC's own, so a
    /// test can have BMC build its relation as it does for large configurations.
    public static func bmcDepths(
        _ system: TransitionSystem, depth: Int, deadline: Deadline = Deadline(seconds: nil),
        conservationPruningLimit: Int? = nil
    ) throws -> [BuiltInProperty: Int] {
        let bmc = BoundedModelChecker(system: system)
        if let conservationPruningLimit { bmc.conservationPruningLimit = conservationPruningLimit }
        return try depths(
            of: bmc.run(properties: BuiltInProperty.allCases, depth: depth, deadline: deadline), to: depth)
    }

    /// The same by BMC on the merged circuit (`IncrementalBMC`).
    public static func circuitBMCDepths(
        _ system: TransitionSystem, depth: Int, deadline: Deadline = Deadline(seconds: nil)
    ) throws -> [BuiltInProperty: Int] {
        let bmc = IncrementalBMC(system: system, circuit: try Circuit(system: system))
        return try depths(
            of: bmc.run(properties: BuiltInProperty.allCases, depth: depth, deadline: deadline), to: depth)
    }

    static func depths(of result: BoundedModelChecker.Result<BuiltInProperty>, to depth: Int) throws
        -> [BuiltInProperty: Int]
    {
        var depths: [BuiltInProperty: Int] = [:]
        for (p, verdict) in result.verdicts {
            switch verdict {
            case .violated(let actions): depths[p] = actions.count
            case .bounded(let d, _) where d >= depth: break
            default: throw NotJudged(property: p, depth: depth, verdict: verdict)
            }
        }
        return depths
    }

    /// BMC stopped short of the depth asked for (a time limit, Z3 `unknown`): no comparison.
    public struct NotJudged: Error, CustomStringConvertible {
        public var property: BuiltInProperty
        public var depth: Int
        public var verdict: SymbolicVerdict

        public var description: String { "BMC did not judge \(property.rawValue) to depth \(depth): \(verdict)" }
    }

    /// `property@depth` for each violated property, in `allCases` order: equal strings, equal answers.
    public static func describe(_ depths: [BuiltInProperty: Int]) -> String {
        BuiltInProperty.allCases.compactMap { p in depths[p].map { "\(p.rawValue)@\($0)" } }.joined(separator: " ")
    }

    /// The number of distinct states (no symmetry) within `depth` steps, by breadth-first search.
    public static func bfsStateCount(_ model: SlabModel, within depth: Int) throws -> Int {
        let options = ExplicitOptions(
            properties: .all(count: BuiltInProperty.allCases.count), maxDepth: depth, threads: 1, symmetry: .none)
        return try ExplicitChecker(model: model, options: options).run().statistics.distinctStates
    }

    /// The number of distinct states within each depth up to `depth` (index d: within d steps),
    /// enumerated by Z3 and counted in the explicit engine's canonical form.
    public static func symbolicStateCounts(_ system: TransitionSystem, within depth: Int) throws -> [Int] {
        let model = system.model
        var counts: [Int] = []
        var canonical: Set<[UInt64]> = []
        try ReachableStates.enumerate(system, within: depth) { states in
            for state in states {
                var words = [UInt64](repeating: 0, count: model.wordCount)
                words.withUnsafeMutableBufferPointer { model.encode(state, symmetry: .none, into: $0) }
                canonical.insert(words)
            }
            counts.append(canonical.count)
        }
        return counts
    }
}
