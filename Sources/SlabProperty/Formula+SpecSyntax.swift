/// A property written back in the spec syntax of `property:` lines, so that a trace of a property
/// built in Swift carries a text any reader can parse and judge again.
///
/// Every compound is parenthesised, so the text means the tree whatever the precedence, and bound
/// variables are renamed `o1`, `s2`, … (the builders' names, `objects#7`, are no identifiers).
/// `nil` where the tree has no spelling in the syntax: a slab's field read through anything but a
/// variable over `slabs`.
extension Formula {
    public var specSyntax: String? {
        var names = SpecNames()
        return names.formula(self)
    }
}

/// The renaming of bound variables while a tree is written out.
private struct SpecNames {
    var renamed: [String: (name: String, domain: Domain)] = [:]
    var count = 0

    mutating func bind(_ binding: Binding) -> String {
        count += 1
        let name = "\(binding.domain.rawValue.prefix(1))\(count)"
        renamed[binding.name] = (name, binding.domain)
        return name
    }

    mutating func formula(_ f: Formula) -> String? {
        switch f {
        case .literal(let b): return b ? "true" : "false"
        case .comparison(let op, let a, let b):
            guard let a = quantity(a), let b = quantity(b) else { return nil }
            return "(\(a) \(op.rawValue) \(b))"
        case .not(let a):
            guard let a = formula(a) else { return nil }
            return "(not \(a))"
        case .and(let a, let b): return binary(a, "and", b)
        case .or(let a, let b): return binary(a, "or", b)
        case .implies(let a, let b): return binary(a, "implies", b)
        case .forAll(let binding, let body): return quantified("forall", binding, body)
        case .exists(let binding, let body): return quantified("exists", binding, body)
        case .onArray(let q, let array):
            guard let q = quantity(q), let array = selector(array) else { return nil }
            return "(\(q) in \(array))"
        case .onList(let q, let list):
            guard let q = quantity(q) else { return nil }
            let name =
                switch list {
                case .partial: "slabsPartial"
                case .full: "slabsFull"
                case .free: "slabsFree"
                }
            return "(\(q) in \(name))"
        case .stepIs(let names):
            guard !names.isEmpty else { return "false" }
            let each = names.map { "(step is \($0))" }
            return each.count == 1 ? each[0] : "(" + each.joined(separator: " or ") + ")"
        case .old(let a):
            guard let a = formula(a) else { return nil }
            return "old(\(a))"
        }
    }

    mutating func binary(_ a: Formula, _ op: String, _ b: Formula) -> String? {
        guard let a = formula(a), let b = formula(b) else { return nil }
        return "(\(a) \(op) \(b))"
    }

    mutating func quantified(_ word: String, _ binding: Binding, _ body: Formula) -> String? {
        let outer = renamed[binding.name]
        let name = bind(binding)
        defer { renamed[binding.name] = outer }
        guard let body = formula(body) else { return nil }
        return "(\(word) \(name) in \(binding.domain.rawValue): \(body))"
    }

    mutating func selector(_ s: ArraySelector) -> String? {
        switch s {
        case .shared: return "shared"
        case .cpu(let c):
            guard let c = quantity(c) else { return nil }
            return "ac[\(c)]"
        }
    }

    mutating func quantity(_ q: Quantity) -> String? {
        switch q {
        case .literal(let n): return n >= 0 ? String(n) : "(0 - \(n.magnitude))"
        case .constant(let c): return c.rawValue
        case .variable(let v): return renamed[v]?.name
        case .global(let g): return g.rawValue
        case .array(let array, let field):
            guard let array = selector(array) else { return nil }
            return "\(array).\(field.rawValue)"
        case .entry(let array, let i):
            guard let array = selector(array), let i = quantity(i) else { return nil }
            return "\(array).entries[\(i)]"
        case .slab(.variable(let v), let field):
            guard let bound = renamed[v], bound.domain == .slabs else { return nil }
            return "\(bound.name).\(field.rawValue)"
        case .slab: return nil
        case .task(let t, let field):
            guard let t = quantity(t) else { return nil }
            return "task[\(t)].\(field.rawValue)"
        case .held(let o):
            guard let o = quantity(o) else { return nil }
            return "held[\(o)]"
        case .stepArgument(let name): return "step.\(name)"
        case .old(let a):
            guard let a = quantity(a) else { return nil }
            return "old(\(a))"
        case .arithmetic(let op, let a, let b):
            guard let a = quantity(a), let b = quantity(b) else { return nil }
            return "(\(a) \(op.rawValue) \(b))"
        case .sum(let binding, let filter, let body):
            let outer = renamed[binding.name]
            let name = bind(binding)
            defer { renamed[binding.name] = outer }
            guard let filter = formula(filter), let body = quantity(body) else { return nil }
            return "(sum \(name) in \(binding.domain.rawValue) where \(filter): \(body))"
        }
    }
}
