import Foundation
import SlabChecker
import SlabModel
import SlabProperty
import SymbolicChecker
import Z3Kit

extension BenchSymbolicCommand {
    /// Users' `forall` properties asked with witnesses against their negation unrolled over
    /// every object, slab and CPU, in the query the witnesses are for: k-induction's step case
    /// on the merged circuit at k = 1, from any state in its cell ranges that satisfies every
    /// state property of the model and the user's, to a state that fails the user's. One solver
    /// per query, at most --circuit-seconds each; tiny only unless --circuit-on names more, for
    /// each query takes minutes on the circuit.
    func witnessNegation() {
        let properties = [
            Property("held-once") { forAll(.objects) { o in held[o] <= 1 } },
            Property("partial-inuse") {
                forAll(.slabs) { s in s.isOn(.partial) ==> (s.inuse > 0 && s.inuse < num) }
            },
            Property("held-not-cached") {
                forAll(.objects) { o in held[o] > 0 ==> forAll(.cpus) { c in !o.isOn(ac[c]) } }
            },
        ]
        say("Users' forall properties (seed): k-induction's step case on the merged circuit, k = 1:")
        let on = circuitOn.map { Set($0.split(separator: ",").map(String.init)) } ?? ["tiny"]
        for (name, config) in Configuration.named where on.contains(name) {
            for property in properties {
                let started = ContinuousClock.now
                do {
                    let system = try TransitionSystem(
                        model: SlabModel(configuration: config, variant: .seed), context: Context())
                    let symbolic = try SymbolicProperty(property, in: system, budget: EvaluationBudget(seconds: nil))
                    let unrolling = Unrolling(system: system, circuit: try Circuit(system: system), prefix: "y")
                    let before = try unrolling.addFrame().state
                    let after = try unrolling.addFrame().state
                    var assumed = [try unrolling.transition(from: 0)]
                    let running = before.cells[system.model.layout.crash] == .constant(0)
                    assumed.append(try running.negated.or(system.model.codec.fitting(before)).term(in: system.context))
                    for p in SlabProperties.stateProperties {
                        if let holds = system.holds(p) { assumed.append(try holds(before)) }
                    }
                    if let holds = symbolic.holds { assumed.append(try holds(before)) }
                    var figures: [String] = []
                    for (label, goal) in [
                        ("witnesses", symbolic.broken), ("unrolled", symbolic.holds.map { h in { try h($0).not() } }),
                    ] {
                        guard let goal else { continue }
                        let solver = try Solver(system.context)
                        for term in assumed { try solver.assert(term) }
                        try solver.assert(try goal(after))
                        try solver.setTimeout(.seconds(circuitSeconds))
                        let asked = ContinuousClock.now
                        let answer = try solver.check()
                        figures.append("\(label) \(answer) in " + String(format: "%.2f s", seconds(since: asked)))
                    }
                    say("  \(pad(name, 6)) \(pad(property.name, 15)) " + figures.joined(separator: "; "))
                } catch {
                    say(
                        "  \(pad(name, 6)) \(pad(property.name, 15)) stopped after "
                            + String(format: "%.2f s: ", seconds(since: started)) + "\(error)")
                }
            }
        }
    }
}
