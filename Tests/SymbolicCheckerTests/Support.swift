import ExplicitChecker
import ModelKit
import SlabModel
import SymbolicChecker
import Z3Kit

enum Configs {
    static let tiny = Configuration.tiny
    static let small = Configuration.small
    /// batchcount ≥ num + 1, so the overrun-slab mutant can take past a slab's end.
    static let overrun = Configuration.oneObjectSlabs
    static let medium = Configuration.medium
}

/// The shortest violation depth of each property by breadth-first search (no symmetry), within
/// `depth`. One search per property: a search judging several keeps going after the first
/// violation, and then keeps the sighting with the smallest fingerprint, not the shallowest.
func bfsDepths(_ model: SlabModel, depth: Int) throws -> [BuiltInProperty: Int] {
    var depths: [BuiltInProperty: Int] = [:]
    for p in BuiltInProperty.allCases {
        let options = ExplicitOptions(properties: p.set, maxDepth: depth, threads: 1, symmetry: false)
        let result = try ExplicitChecker(model: model, options: options).run()
        if let found = result.counterexamples[p.index] { depths[p] = found.steps.count }
    }
    return depths
}

/// The shortest violation depth of each property by BMC, within `depth`.
func bmcDepths(_ model: SlabModel, depth: Int) throws -> [BuiltInProperty: Int] {
    let context = try Context()
    let system = try TransitionSystem(model: model, context: context)
    let result = try BoundedModelChecker(system: system).run(properties: BuiltInProperty.allCases, depth: depth)
    var depths: [BuiltInProperty: Int] = [:]
    for (p, verdict) in result.verdicts {
        if case .violated(let actions) = verdict { depths[p] = actions.count }
    }
    return depths
}

func describe(_ depths: [BuiltInProperty: Int]) -> String {
    BuiltInProperty.allCases.compactMap { p in depths[p].map { "\(p.rawValue)@\($0)" } }.joined(separator: " ")
}
