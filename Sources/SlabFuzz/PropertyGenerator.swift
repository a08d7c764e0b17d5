import ModelKit

/// Random property expressions from the spec syntax's own grammar: quantifiers, sums, the
/// model's fields with indices in and out of range, arithmetic with zero divisors and extreme
/// numbers, and step facts.
struct PropertyGenerator {
    var mutator: Mutator

    static let globals = [
        "freeObjects", "freeTouched", "freeLimit", "num", "cpus", "pages", "tasks", "objects", "limit", "batchcount",
    ]
    static let domains = ["cpus", "slabs", "objects", "tasks"]
    static let comparisons = ["==", "!=", "<", "<=", ">", ">="]

    mutating func expression(depth: Int = 0) -> String { condition(depth, bound: []) }

    mutating func condition(_ depth: Int, bound: [(String, String)]) -> String {
        let leaf = depth >= 4 || mutator.below(3) == 0
        switch leaf ? mutator.below(2) : mutator.below(9) {
        case 0:
            return
                "\(number(depth + 1, bound: bound)) \(mutator.pick(Self.comparisons)) \(number(depth + 1, bound: bound))"
        case 1:
            return mutator.pick([
                "true", "false", "step is alloc", "\(number(depth + 1, bound: bound)) in slabsPartial",
                "\(number(depth + 1, bound: bound)) in ac[\(index(bound))]",
            ])
        case 2: return "not \(condition(depth + 1, bound: bound))"
        case 3, 4:
            let op = mutator.pick(["and", "or", "implies", "&&", "||", "=>"])
            return "(\(condition(depth + 1, bound: bound)) \(op) \(condition(depth + 1, bound: bound)))"
        case 5, 6:
            let name = "v\(bound.count)"
            let domain = mutator.pick(Self.domains)
            return
                "(\(mutator.pick(["forall", "exists"])) \(name) in \(domain): \(condition(depth + 1, bound: bound + [(name, domain)])))"
        case 7: return "old(\(condition(depth + 1, bound: bound)))"
        default:
            return
                "\(number(depth + 1, bound: bound)) \(mutator.pick(Self.comparisons)) old(\(number(depth + 1, bound: bound)))"
        }
    }

    mutating func index(_ bound: [(String, String)]) -> String {
        if !bound.isEmpty, mutator.below(2) == 0 { return mutator.pick(bound).0 }
        return mutator.pick(["0", "1", "2", "-1", "9", "100", "cpus", "num - num", "cpus - 1"])
    }

    mutating func number(_ depth: Int, bound: [(String, String)]) -> String {
        let leaf = depth >= 4 || mutator.below(2) == 0
        switch leaf ? mutator.below(7) : 7 + mutator.below(4) {
        case 0: return mutator.pick(Mutator.extremes.filter { $0.allSatisfy(\.isNumber) })
        case 1: return mutator.pick(Self.globals)
        case 2: return "ac[\(index(bound))].\(mutator.pick(["avail", "limit", "batchcount", "touched"]))"
        case 3: return "held[\(index(bound))]"
        case 4: return "task[\(index(bound))].\(mutator.pick(["status", "cpu"]))"
        case 5: return "shared.entries[\(index(bound))]"
        case 6:
            if let (name, domain) = bound.last {
                switch domain {
                case "slabs": return "\(name).\(mutator.pick(["inuse", "live", "free"]))"
                case "tasks": return "\(name).\(mutator.pick(["status", "cpu"]))"
                case "cpus": return "\(name).avail"
                default: return name
                }
            }
            return mutator.pick(["step.cpu", "step.task", "step.object"])
        case 7, 8:
            let op = mutator.pick(["+", "-", "*", "/", "/"])
            return "(\(number(depth + 1, bound: bound)) \(op) \(number(depth + 1, bound: bound)))"
        case 9:
            let name = "w\(bound.count)"
            let domain = mutator.pick(Self.domains)
            let inner = bound + [(name, domain)]
            return
                "(sum \(name) in \(domain) where \(condition(depth + 1, bound: inner)): \(number(depth + 1, bound: inner)))"
        default: return "-\(number(depth + 1, bound: bound))"
        }
    }
}
