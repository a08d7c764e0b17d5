import SlabModel

/// Why a property cannot be judged: checked once, before any engine runs, so that evaluation
/// itself never meets an unbound name or a step fact outside a step.
extension Property {
    /// The step names `step.is(…)` accepts, and the argument names `step.…` reads.
    public static let stepNames = [
        "alloc", "growDone", "free", "irqAlloc", "irqFree", "migrate", "reap", "tune", "resume",
    ]
    public static let stepArguments = ["task", "cpu", "object", "ok", "growFails", "full", "tuning"]

    /// Empty when the property can be judged.
    public var problems: [String] {
        var walk = ProblemWalk(isStep: isStepProperty)
        switch kind {
        case .state(let f), .step(let f): walk.visit(f, bound: [])
        case .explicitOnly: break
        }
        if BuiltInProperty(rawValue: name) != nil { walk.found.append("`\(name)` is the name of a built-in property") }
        if name.isEmpty { walk.found.append("a property needs a name") }
        return walk.found.map { "property `\(name)`: \($0)" }
    }
}

private struct ProblemWalk {
    let isStep: Bool
    var found: [String] = []

    mutating func stepOnly(_ what: String) {
        if !isStep { found.append("\(what) is about a step; use it in a step property") }
    }

    mutating func visit(_ f: Formula, bound: Set<String>) {
        switch f {
        case .literal: break
        case .comparison(_, let a, let b):
            visit(a, bound: bound)
            visit(b, bound: bound)
        case .not(let a), .old(let a):
            if case .old = f { stepOnly("`old(…)`") }
            visit(a, bound: bound)
        case .and(let a, let b), .or(let a, let b), .implies(let a, let b):
            visit(a, bound: bound)
            visit(b, bound: bound)
        case .forAll(let b, let body), .exists(let b, let body):
            visit(body, bound: bound.union([b.name]))
        case .onArray(let q, let array):
            visit(q, bound: bound)
            visit(array, bound: bound)
        case .onList(let q, _):
            visit(q, bound: bound)
        case .stepIs(let names):
            stepOnly("`step is …`")
            for n in names where !Property.stepNames.contains(n) {
                found.append("unknown step `\(n)`; steps are \(Property.stepNames.joined(separator: ", "))")
            }
        }
    }

    mutating func visit(_ array: ArraySelector, bound: Set<String>) {
        if case .cpu(let c) = array { visit(c, bound: bound) }
    }

    mutating func visit(_ q: Quantity, bound: Set<String>) {
        switch q {
        case .literal, .constant, .global: break
        case .variable(let name):
            if !bound.contains(name) { found.append("`\(name)` is not bound by a quantifier or sum") }
        case .array(let array, _): visit(array, bound: bound)
        case .entry(let array, let i):
            visit(array, bound: bound)
            visit(i, bound: bound)
        case .slab(let i, _), .task(let i, _), .held(let i): visit(i, bound: bound)
        case .stepArgument(let name):
            stepOnly("`step.\(name)`")
            if !Property.stepArguments.contains(name) {
                found.append(
                    "unknown step argument `\(name)`; arguments are \(Property.stepArguments.joined(separator: ", "))")
            }
        case .old(let a):
            stepOnly("`old(…)`")
            visit(a, bound: bound)
        case .arithmetic(_, let a, let b):
            visit(a, bound: bound)
            visit(b, bound: bound)
        case .sum(let b, let filter, let body):
            visit(filter, bound: bound.union([b.name]))
            visit(body, bound: bound.union([b.name]))
        }
    }
}
