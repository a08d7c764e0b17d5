/// Whether a property is blind to names, so that the explicit engine may keep one state per
/// symmetry orbit (renaming CPUs, slab slots with their objects, and tasks) while judging it.
///
/// Conservative: a literal used as an index or compared with a name (`ac[0]`, `o == 3`), a name
/// compared with a name of another kind or with a count (`o < num`), names ordered (`o1 < o2`:
/// renaming keeps only equality), arithmetic on a name or a sum of names (`o % num` is the index
/// within a slab, which renaming the slab's objects changes), a step argument, or a closure makes
/// the property name-dependent, and the engine then explores without symmetry.
extension Property {
    public var isNameBlind: Bool {
        switch kind {
        case .explicitOnly: false
        case .state(let f), .step(let f): NameSorts.blind(f)
        }
    }
}

private enum NameSorts {
    /// What kind of name a quantity is: nil for a count, `.some(nil)` for a name of unknown kind.
    typealias Sort = Domain??

    static func blind(_ f: Formula) -> Bool {
        switch f {
        case .literal, .stepIs: return true
        case .comparison(let comparison, let a, let b):
            guard blind(a), blind(b) else { return false }
            switch (sort(a), sort(b)) {
            case (nil, nil): return true
            case (.some(.some(let x)), .some(.some(let y))):
                return x == y && (comparison == .equal || comparison == .notEqual)
            default: return false
            }
        case .not(let a), .old(let a), .forAll(_, let a), .exists(_, let a): return blind(a)
        case .and(let a, let b), .or(let a, let b), .implies(let a, let b): return blind(a) && blind(b)
        case .onArray(let q, let array): return blind(q) && !isLiteral(q) && blind(array)
        case .onList(let q, _): return blind(q) && !isLiteral(q)
        }
    }

    static func blind(_ array: ArraySelector) -> Bool {
        if case .cpu(let c) = array { return blind(index: c) }
        return true
    }

    static func blind(index q: Quantity) -> Bool { blind(q) && !containsLiteral(q) }

    static func blind(_ q: Quantity) -> Bool {
        switch q {
        case .literal, .constant, .variable, .global: return true
        case .stepArgument: return false
        case .array(let array, _): return blind(array)
        case .entry(let array, let i): return blind(array) && blind(i)
        case .slab(let i, _), .task(let i, _), .held(let i): return blind(index: i)
        case .old(let a): return blind(a)
        case .arithmetic(_, let a, let b): return blind(a) && blind(b) && sort(a) == nil && sort(b) == nil
        case .sum(_, let filter, let body): return blind(filter) && blind(body) && sort(body) == nil
        }
    }

    static func sort(_ q: Quantity) -> Sort {
        switch q {
        case .variable(let name): .some(Domain.allCases.first { name.hasPrefix($0.rawValue + "#") } ?? nil)
        case .entry: .some(.objects)
        case .task(_, .cpu): .some(.cpus)
        case .old(let a): sort(a)
        case .arithmetic(_, let a, let b): sort(a) == nil && sort(b) == nil ? nil : .some(nil)
        default: nil
        }
    }

    static func isLiteral(_ q: Quantity) -> Bool {
        if case .literal = q { return true }
        return false
    }

    static func containsLiteral(_ q: Quantity) -> Bool {
        switch q {
        case .literal: true
        case .arithmetic(_, let a, let b): containsLiteral(a) || containsLiteral(b)
        case .old(let a): containsLiteral(a)
        default: false
        }
    }
}
