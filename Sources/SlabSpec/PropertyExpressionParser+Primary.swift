import SlabModel
import SlabProperty

/// The operands: numbers, names of the model's vocabulary, quantifiers, sums, `old(…)`, `step`.
extension PropertyExpressionParser {
    mutating func primary() throws(Failure) -> Node {
        let token = advance()
        switch token.kind {
        case .number(let n): return .number(.literal(n))
        case .symbol("("):
            let node = try implication()
            try expect(symbol: ")", "to close `(`")
            return node
        case .identifier(let word): return try named(word, token)
        case .end: throw fail("expected a number or a condition, found the end of the line", at: token)
        case .symbol: throw fail("expected a number or a condition, found \(token.quoted)", at: token)
        }
    }

    mutating func named(_ word: String, _ token: PropertyToken) throws(Failure) -> Node {
        if let bound = scopes.last(where: { $0.name == word }) { return try variable(word, bound.domain) }
        switch word {
        case "true": return .condition(.literal(true))
        case "false": return .condition(.literal(false))
        case "forall", "exists":
            let binding = try binder()
            try expect(symbol: ":", "after the quantifier's domain")
            let start = current
            let body = try condition(try implication(), at: start)
            scopes.removeLast()
            return .condition(word == "forall" ? .forAll(binding, body) : .exists(binding, body))
        case "sum", "count":
            let binding = try binder()
            var filter = Formula.literal(true)
            if isWord("where") {
                _ = advance()
                let start = current
                filter = try condition(try implication(), at: start)
            } else if word == "count" {
                throw fail("expected `where <condition>` after `count \(binding.name) in \(binding.domain.rawValue)`")
            }
            var body: Quantity = 1
            if word == "sum" {
                try expect(symbol: ":", "before the summand")
                let start = current
                body = try number(try additive(), at: start)
            }
            scopes.removeLast()
            return .number(.sum(binding, filter, body))
        case "old":
            try expect(symbol: "(", "after `old`")
            let node = try implication()
            try expect(symbol: ")", "to close `old(`")
            switch node {
            case .number(let q): return .number(.old(q))
            case .condition(let f): return .condition(.old(f))
            }
        case "step":
            if isWord("is") {
                _ = advance()
                let name = advance()
                guard case .identifier(let n) = name.kind, Property.stepNames.contains(n) else {
                    throw fail(
                        "unknown step \(name.quoted)" + Suggestion.hint(for: name.text, among: Property.stepNames),
                        at: name)
                }
                return .condition(.stepIs([n]))
            }
            return .number(.stepArgument(try field(of: "`step`", among: Property.stepArguments)))
        case "held": return .number(.held(try bracketed("after `held`", .object)))
        case "ac": return try arrayField(.cpu(try bracketed("after `ac`", .cpu)), "`ac[…]`")
        case "shared": return try arrayField(.shared, "`shared`")
        case "task":
            let t = try bracketed("after `task`", .task)
            let name = try field(of: "`task[…]`", among: TaskField.allCases.map(\.rawValue))
            return .number(.task(t, TaskField(rawValue: name) ?? .status))
        default:
            if let g = GlobalField(rawValue: word) { return .number(.global(g)) }
            if let c = ConfigConstant(rawValue: word) { return .number(.constant(c)) }
            throw fail(
                "unknown name \(token.quoted)"
                    + Suggestion.hint(for: word, among: Self.vocabulary + scopes.map(\.name)), at: token)
        }
    }

    /// `name in domain`, with the name put in scope.
    mutating func binder() throws(Failure) -> Binding {
        let nameToken = advance()
        guard case .identifier(let name) = nameToken.kind, !Self.keywords.contains(name) else {
            throw fail("expected a variable name, found \(nameToken.quoted)", at: nameToken)
        }
        guard isWord("in") else { throw fail("expected `in` after `\(name)`, found \(current.quoted)") }
        _ = advance()
        let domainToken = advance()
        guard case .identifier(let d) = domainToken.kind, let domain = Domain(rawValue: d) else {
            throw fail(
                "unknown domain \(domainToken.quoted)"
                    + Suggestion.hint(for: domainToken.text, among: Domain.allCases.map(\.rawValue)),
                at: domainToken)
        }
        scopes.append((name, domain))
        return Binding(name, in: domain)
    }

    /// A bound variable, with a field where its domain has them (`s.inuse`, `t.cpu`, `c.avail`).
    mutating func variable(_ name: String, _ domain: Domain) throws(Failure) -> Node {
        let v = Quantity.variable(name)
        guard isSymbol(".") else { return .number(v) }
        switch domain {
        case .slabs:
            let f = try field(of: "slab `\(name)`", among: SlabField.allCases.map(\.rawValue))
            return .number(.slab(v, SlabField(rawValue: f) ?? .inuse))
        case .tasks:
            let f = try field(of: "task `\(name)`", among: TaskField.allCases.map(\.rawValue))
            return .number(.task(v, TaskField(rawValue: f) ?? .status))
        case .cpus:
            return try arrayField(.cpu(v), "cpu `\(name)`")
        case .objects:
            throw fail("an object `\(name)` has no fields; `held[\(name)]` is how many callers hold it")
        }
    }

    /// `.avail`, `.limit`, `.batchcount`, `.touched` or `.entries[i]` of an array.
    mutating func arrayField(_ array: ArraySelector, _ what: String) throws(Failure) -> Node {
        let name = try field(of: what, among: ArrayField.allCases.map(\.rawValue) + ["entries"])
        if name == "entries" { return .number(.entry(array, try bracketed("after `entries`", .entry(array)))) }
        return .number(.array(array, ArrayField(rawValue: name) ?? .avail))
    }
}
