/// Whether an expression divides at all: only then must its evaluation carry the condition under
/// which each part is read (`Evaluation.path`), which costs a solver term per connective.
extension Formula {
    var divides: Bool {
        switch self {
        case .literal, .stepIs: false
        case .comparison(_, let a, let b): a.divides || b.divides
        case .not(let a), .old(let a), .forAll(_, let a), .exists(_, let a): a.divides
        case .and(let a, let b), .or(let a, let b), .implies(let a, let b): a.divides || b.divides
        case .onArray(let q, let array): q.divides || array.divides
        case .onList(let q, _): q.divides
        }
    }
}

extension Quantity {
    var divides: Bool {
        switch self {
        case .literal, .constant, .variable, .global, .stepArgument: false
        case .array(let array, _): array.divides
        case .entry(let array, let i): array.divides || i.divides
        case .slab(let q, _), .task(let q, _), .held(let q), .old(let q): q.divides
        case .arithmetic(let op, let a, let b): op == .divide || a.divides || b.divides
        case .sum(_, let filter, let body): filter.divides || body.divides
        }
    }
}

extension ArraySelector {
    var divides: Bool {
        if case .cpu(let c) = self { return c.divides }
        return false
    }
}
