import ModelKit
import SlabModel

/// Which kinds of names a property tells apart, so that the explicit engine renames only the
/// others when it keeps one state per symmetry orbit.
///
/// Conservative: a literal used as an index names that index's kind (`ac[0]` a CPU, `task[1]` a
/// task, `slab[0]` and `held[3]` a slot and its objects); a slab's `free` head is an object's index
/// within its slab, so reading it names objects. A name compared with a name of another kind or
/// with a count (`o < num`), names ordered (`o1 < o2`: renaming keeps only equality), arithmetic on
/// a name or a sum of names (`o % num` is the index within a slab), a step argument, or a closure
/// tell every kind apart.
extension Property {
    /// The kinds of names this property's verdict may depend on.
    public var namedKinds: Symmetry {
        switch kind {
        case .explicitOnly: .all
        case .state(let f), .step(let f): NameSorts.names(f)
        }
    }

    /// Whether no renaming of any kind can change this property's verdict.
    public var isNameBlind: Bool { namedKinds.isEmpty }
}

private enum NameSorts {
    /// What kind of name a quantity is: nil for a count, `.some(nil)` for a name of unknown kind.
    typealias Sort = Domain??

    static let objectNames: Symmetry = [.slots, .objects]

    static func names(_ f: Formula) -> Symmetry {
        switch f {
        case .literal, .stepIs: return []
        case .comparison(let comparison, let a, let b):
            let named = names(a).union(names(b))
            switch (sort(a), sort(b)) {
            case (nil, nil): return named
            case (.some(.some(let x)), .some(.some(let y))):
                return x == y && (comparison == .equal || comparison == .notEqual) ? named : .all
            default: return .all
            }
        case .not(let a), .old(let a), .forAll(_, let a), .exists(_, let a): return names(a)
        case .and(let a, let b), .or(let a, let b), .implies(let a, let b): return names(a).union(names(b))
        case .onArray(let q, let array): return names(index: q, of: objectNames).union(names(array))
        case .onList(let q, _): return names(index: q, of: objectNames)
        }
    }

    static func names(_ array: ArraySelector) -> Symmetry {
        if case .cpu(let c) = array { return names(index: c, of: .cpus) }
        return []
    }

    /// A quantity used as an index of `kinds`: a literal in it names that index.
    static func names(index q: Quantity, of kinds: Symmetry) -> Symmetry {
        containsLiteral(q) ? names(q).union(kinds) : names(q)
    }

    static func names(_ q: Quantity) -> Symmetry {
        switch q {
        case .literal, .constant, .variable, .global: return []
        case .stepArgument: return .all
        case .array(let array, _): return names(array)
        case .entry(let array, let i): return names(array).union(names(i))
        case .slab(let i, let field):
            return names(index: i, of: objectNames).union(field == .free ? objectNames : [])
        case .task(let i, _): return names(index: i, of: .tasks)
        case .held(let i): return names(index: i, of: objectNames)
        case .old(let a): return names(a)
        case .arithmetic(_, let a, let b):
            return sort(a) == nil && sort(b) == nil ? names(a).union(names(b)) : .all
        case .sum(_, let filter, let body): return sort(body) == nil ? names(filter).union(names(body)) : .all
        }
    }

    static func sort(_ q: Quantity) -> Sort {
        switch q {
        case .variable(let name): .some(Domain.allCases.first { name.hasPrefix($0.rawValue + "#") } ?? nil)
        case .entry: .some(.objects)
        case .task(_, .cpu): .some(.cpus)
        case .slab(_, .free): .some(nil)
        case .old(let a): sort(a)
        case .arithmetic(_, let a, let b): sort(a) == nil && sort(b) == nil ? nil : .some(nil)
        default: nil
        }
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
