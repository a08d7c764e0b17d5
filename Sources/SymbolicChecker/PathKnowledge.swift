import Z3Kit

/// What one path knows of the state it started from: the ranges its comparisons narrowed
/// (`facts`, by term) and the conditions it decided (`decided`, by formula).
///
/// A value's own range comes from interval arithmetic over the box, which knows nothing of the
/// path: `avail - 1` after the path took `avail > 0` has the range of `avail` less one, so it
/// reaches -1. A path's outcome is reached only from the states that take the path, so its
/// cells can be given the ranges the path implies. The interval analysis builds the next box
/// from those ranges: a box that holds every state a step reaches from the box before, as
/// tight as what the paths knew.
struct PathKnowledge {
    let facts: [Term: Fact]
    let decided: [Term: Bool]
    /// Ranges already worked out, by term: choices nest and share their parts.
    private var memo: [Term: ClosedRange<Int>] = [:]

    init(facts: [Term: Fact], decided: [Term: Bool]) {
        self.facts = facts
        self.decided = decided
    }

    /// `cells` (a path's outcome), each with its range narrowed by what the path knows; the terms
    /// are the same.
    mutating func narrowed(_ cells: [SymbolicValue]) -> [SymbolicValue] {
        cells.map { cell in
            guard case .term(let t, let range, let shape) = cell else { return cell }
            let r = self.range(of: cell)
            return r == range ? cell : .term(t, r, shape)
        }
    }

    /// The range `value` lies in on this path: its own range, met with what the path learned of
    /// its term, of the base it offsets, or of the branch of an `ite` it decided.
    mutating func range(of value: SymbolicValue) -> ClosedRange<Int> {
        guard case .term(let t, let own, let shape) = value else { return value.range }
        if let known = memo[t] { return known }
        var r = own
        if let f = facts[t] { r = IntervalAnalysis.meet(r, f.range) }
        switch shape {
        case .opaque:
            break
        case .offset(let base, _, let by):
            if let f = facts[base], let shifted = Self.shift(f.range, by: by) { r = IntervalAnalysis.meet(r, shifted) }
        case .choice(let c, let a, let b, _):
            switch truth(of: c) {
            case true?: r = IntervalAnalysis.meet(r, range(of: a))
            case false?: r = IntervalAnalysis.meet(r, range(of: b))
            case nil: r = IntervalAnalysis.meet(r, IntervalAnalysis.hull(range(of: a), range(of: b)))
            }
        }
        memo[t] = r
        return r
    }

    /// The truth of `condition` on this path, when the path decided it or its facts settle it.
    func truth(of condition: SymbolicCondition) -> Bool? {
        switch condition {
        case .known(let b):
            return b
        case .failed:
            return nil
        case .formula(let base, let positive, let atom):
            if let value = decided[base] { return value == positive }
            guard let atom, let f = facts[atom.term], let value = f.decide(atom.operation, atom.constant) else {
                return nil
            }
            return value == positive
        case .choice(let c, let a, let b, let t):
            if let value = decided[t] { return value }
            guard let branch = truth(of: c) else { return nil }
            return truth(of: branch ? a : b)
        }
    }

    /// `range + by`, or nil on overflow.
    static func shift(_ range: ClosedRange<Int>, by: Int) -> ClosedRange<Int>? {
        let lo = range.lowerBound.addingReportingOverflow(by)
        let hi = range.upperBound.addingReportingOverflow(by)
        guard !lo.overflow, !hi.overflow else { return nil }
        return lo.partialValue...hi.partialValue
    }
}
