import SlabModel
import Z3Kit

/// A cell's value from the unsigned numeral Z3 prints for it, in a `width`-bit encoding.
public func signedCellValue(_ raw: UInt64, width: Int) -> Int {
    Int(Int64(bitPattern: raw << (64 - UInt64(width))) >> (64 - width))
}

/// A model number in the symbolic domain: a known constant (folded eagerly: configurations are
/// concrete, so most arithmetic folds), or a 64-bit Z3 term with a signed range its value is known
/// to lie in (interval arithmetic from the ranges of the state variables; it only prunes and folds,
/// never changes a formula), or the Z3 error that building it raised.
public indirect enum SymbolicValue {
    case constant(Int)
    case term(Term, ClosedRange<Int>, Shape)
    case failed(Z3Error)

    /// How a term was built, as far as the path oracle cares: `base + offset` (so `avail + 1 < k`
    /// is a fact about `avail`), or an `ite` of values (so a comparison can follow the branch).
    public indirect enum Shape {
        case opaque
        case offset(base: Term, baseRange: ClosedRange<Int>, by: Int)
        case choice(SymbolicCondition, SymbolicValue, SymbolicValue, depth: Int)
    }

    /// Nesting of `choice` shapes; beyond `maxChoiceDepth` a value is opaque (deep nests cost
    /// recursion when they are freed, and little precision).
    var choiceDepth: Int {
        if case .term(_, _, .choice(_, _, _, let d)) = self { return d }
        return 0
    }
    static let maxChoiceDepth = 24

    public static let fullRange = Int.min...Int.max

    /// A state variable whose value lies in `range`.
    public init(variable: Term, range: ClosedRange<Int> = fullRange) {
        self = .term(variable, range, .offset(base: variable, baseRange: range, by: 0))
    }

    /// The value as a term of `context`, a `width`-bit numeral for a constant.
    public func term(in context: Context, width: Int) throws(Z3Error) -> Term {
        switch self {
        case .constant(let k): try numeral(k, width: width, context)
        case .term(let t, _, _): t
        case .failed(let error): throw error
        }
    }

    var range: ClosedRange<Int> {
        switch self {
        case .constant(let k): k...k
        case .term(_, let r, _): r
        case .failed: SymbolicValue.fullRange
        }
    }

    var context: Context? {
        if case .term(let t, _, _) = self { return t.context }
        return nil
    }

    /// The encoding's width, read off a term (a constant has none of its own).
    var width: Int? {
        if case .term(let t, _, _) = self { return t.bitWidth }
        return nil
    }

    /// Both operands as terms of one width, that of whichever is a term.
    static func terms(_ l: SymbolicValue, _ r: SymbolicValue, _ context: Context) throws(Z3Error) -> (Term, Term) {
        guard let width = l.width ?? r.width else { throw noWidth }
        return (try l.term(in: context, width: width), try r.term(in: context, width: width))
    }

    static let noWidth = Z3Error(kind: .invalidUsage, message: "a symbolic value without a bit-vector term")

    /// Builds `make(l, r)` over terms, or the first error.
    static func build(
        _ l: SymbolicValue, _ r: SymbolicValue, range: ClosedRange<Int>, _ make: (Term, Term) throws(Z3Error) -> Term
    ) -> SymbolicValue {
        if case .failed(let e) = l { return .failed(e) }
        if case .failed(let e) = r { return .failed(e) }
        if range.lowerBound == range.upperBound { return .constant(range.lowerBound) }
        guard let context = l.context ?? r.context else {
            return .failed(Z3Error(kind: .invalidUsage, message: "no Z3 context for a constant operation"))
        }
        do {
            let (a, b) = try terms(l, r, context)
            return .term(try make(a, b), range, .opaque)
        } catch {
            return .failed(error)
        }
    }

    /// Interval arithmetic: the range of `op` over two ranges, or the full range on overflow.
    static func combine(
        _ a: ClosedRange<Int>, _ b: ClosedRange<Int>, _ op: (Int, Int) -> (partialValue: Int, overflow: Bool)
    ) -> ClosedRange<Int> {
        let corners = [
            op(a.lowerBound, b.lowerBound), op(a.lowerBound, b.upperBound), op(a.upperBound, b.lowerBound),
            op(a.upperBound, b.upperBound),
        ]
        if corners.contains(where: \.overflow) { return fullRange }
        let values = corners.map(\.partialValue)
        return (values.min() ?? Int.min)...(values.max() ?? Int.max)
    }

    /// `op` applied inside the branches of an `ite` when the other operand is a constant, so the
    /// result stays a choice between (mostly known) values.
    static func distribute(
        _ l: SymbolicValue, _ r: SymbolicValue, _ op: (SymbolicValue, SymbolicValue) -> SymbolicValue
    ) -> SymbolicValue? {
        if case .term(_, _, .choice(let c, let a, let b, _)) = l, r.constantValue != nil {
            return select(c, op(a, r), op(b, r))
        }
        if case .term(_, _, .choice(let c, let a, let b, _)) = r, l.constantValue != nil {
            return select(c, op(l, a), op(l, b))
        }
        return nil
    }

    /// `value + k` for a constant `k`, keeping the `base + offset` shape.
    static func shifted(_ value: SymbolicValue, by k: Int) -> SymbolicValue {
        guard case .term(let t, let range, let shape) = value else { return value }
        if k == 0 { return value }
        let lo = range.lowerBound.addingReportingOverflow(k)
        let hi = range.upperBound.addingReportingOverflow(k)
        do {
            if !lo.overflow, !hi.overflow {
                if case .offset(let base, let baseRange, let by) = shape {
                    let total = by.addingReportingOverflow(k)
                    if !total.overflow {
                        if total.partialValue == 0 {
                            return .term(base, baseRange, .offset(base: base, baseRange: baseRange, by: 0))
                        }
                        return .term(
                            try base.add(numeral(total.partialValue, like: base)), lo.partialValue...hi.partialValue,
                            .offset(base: base, baseRange: baseRange, by: total.partialValue))
                    }
                }
                return .term(
                    try t.add(numeral(k, like: t)), lo.partialValue...hi.partialValue,
                    .offset(base: t, baseRange: range, by: k))
            }
            return .term(try t.add(numeral(k, like: t)), fullRange, .opaque)
        } catch {
            return .failed(error)
        }
    }
}

/// `k` as a two's-complement numeral of `width` bits.
func numeral(_ k: Int, width: Int, _ context: Context) throws(Z3Error) -> Term {
    try context.bitVector(UInt64(bitPattern: Int64(k)), width: width)
}

/// `k` as a numeral of `term`'s width, to combine with it.
func numeral(_ k: Int, like term: Term) throws(Z3Error) -> Term {
    guard let width = term.bitWidth else { throw SymbolicValue.noWidth }
    return try numeral(k, width: width, term.context)
}

extension SymbolicValue: ModelValue {
    public typealias Condition = SymbolicCondition

    public init(constant: Int) { self = .constant(constant) }
    public init(integerLiteral value: Int) { self = .constant(value) }

    public var constantValue: Int? {
        if case .constant(let k) = self { return k }
        return nil
    }

    public static func + (l: SymbolicValue, r: SymbolicValue) -> SymbolicValue {
        if case .constant(let a) = l, case .constant(let b) = r { return .constant(a &+ b) }
        if let d = distribute(l, r, +) { return d }
        if let k = r.constantValue { return shifted(l, by: k) }
        if let k = l.constantValue { return shifted(r, by: k) }
        return build(l, r, range: combine(l.range, r.range) { $0.addingReportingOverflow($1) }) {
            a, b throws(Z3Error) in try a.add(b)
        }
    }

    public static func - (l: SymbolicValue, r: SymbolicValue) -> SymbolicValue {
        if case .constant(let a) = l, case .constant(let b) = r { return .constant(a &- b) }
        if let d = distribute(l, r, -) { return d }
        if let k = r.constantValue, k != Int.min { return shifted(l, by: -k) }
        return build(l, r, range: combine(l.range, r.range) { $0.subtractingReportingOverflow($1) }) {
            a, b throws(Z3Error) in try a.sub(b)
        }
    }

    public static func * (l: SymbolicValue, r: SymbolicValue) -> SymbolicValue {
        if case .constant(let a) = l, case .constant(let b) = r { return .constant(a &* b) }
        if r.constantValue == 1 { return l }
        if l.constantValue == 1 { return r }
        if r.constantValue == 0 || l.constantValue == 0 { return .constant(0) }
        if let d = distribute(l, r, *) { return d }
        return build(l, r, range: combine(l.range, r.range) { $0.multipliedReportingOverflow(by: $1) }) {
            a, b throws(Z3Error) in try a.mul(b)
        }
    }

    /// Swift's (and C's) truncating division, which is `bvsdiv`. By a known zero it is 0: the
    /// model divides only by configuration sizes, and a property records its divisions by zero
    /// apart (`Evaluation`), so no verdict reads this value, but a divisor that is a choice with a
    /// zero branch must still build.
    public static func / (l: SymbolicValue, r: SymbolicValue) -> SymbolicValue {
        if case .failed(let e) = l { return .failed(e) }
        if case .constant(let b) = r, b == 0 { return .constant(0) }
        if case .constant(let a) = l, case .constant(let b) = r {
            return .constant(a.dividedReportingOverflow(by: b).partialValue)
        }
        if r.constantValue == 1 { return l }
        if let d = distribute(l, r, /) { return d }
        var range = fullRange
        if case .constant(let b) = r, b > 0 {
            range = (l.range.lowerBound / b)...(l.range.upperBound / b)
        }
        return build(l, r, range: range) { a, b throws(Z3Error) in try a.sdiv(b) }
    }

    public static func < (l: SymbolicValue, r: SymbolicValue) -> SymbolicCondition {
        compare(l, r, .lessThan)
    }
    public static func <= (l: SymbolicValue, r: SymbolicValue) -> SymbolicCondition {
        compare(l, r, .lessOrEqual)
    }
    public static func > (l: SymbolicValue, r: SymbolicValue) -> SymbolicCondition {
        compare(l, r, .lessOrEqual).negated
    }
    public static func >= (l: SymbolicValue, r: SymbolicValue) -> SymbolicCondition {
        compare(l, r, .lessThan).negated
    }
    public static func == (l: SymbolicValue, r: SymbolicValue) -> SymbolicCondition {
        compare(l, r, .equal)
    }
    public static func != (l: SymbolicValue, r: SymbolicValue) -> SymbolicCondition {
        compare(l, r, .equal).negated
    }

    /// A signed comparison, folded on constants and on disjoint or ordered ranges, followed into
    /// the branches of an `ite`; a comparison of `base + offset` with a constant becomes an `Atom`
    /// on `base` the path oracle can reason about.
    static func compare(_ l: SymbolicValue, _ r: SymbolicValue, _ op: Atom.Operation) -> SymbolicCondition {
        if case .failed(let e) = l { return .failed(e) }
        if case .failed(let e) = r { return .failed(e) }
        if let known = op.decide(l.range, r.range) { return .known(known) }
        if case .term(let a, _, _) = l, case .term(let b, _, _) = r, a == b {
            return .known(op != .lessThan)
        }
        if case .term(_, _, .choice(let c, let a, let b, _)) = l {
            return SymbolicCondition.choose(c, compare(a, r, op), compare(b, r, op))
        }
        if case .term(_, _, .choice(let c, let a, let b, _)) = r {
            return SymbolicCondition.choose(c, compare(l, a, op), compare(l, b, op))
        }
        // Unreachable: ranges decide comparisons of constants.
        guard let context = l.context ?? r.context else { return .known(false) }
        do {
            // Comparisons with a constant become facts about the base term.
            if case .term(_, _, .offset(let base, let baseRange, let by)) = l, case .constant(let k) = r {
                let shifted = k.subtractingReportingOverflow(by)
                if !shifted.overflow {
                    let c = shifted.partialValue
                    return .formula(
                        try op.make(base, numeral(c, like: base)), positive: true,
                        atom: Atom(term: base, range: baseRange, operation: op, constant: c))
                }
            }
            if case .constant(let k) = l, case .term(_, _, .offset(let base, let baseRange, let by)) = r {
                let shifted = k.subtractingReportingOverflow(by)
                if !shifted.overflow {
                    let c = shifted.partialValue
                    let kTerm = try numeral(c, like: base)
                    // k < t is ¬(t <= k); k <= t is ¬(t < k); k == t is t == k.
                    switch op {
                    case .equal:
                        return .formula(
                            try op.make(base, kTerm), positive: true,
                            atom: Atom(term: base, range: baseRange, operation: .equal, constant: c))
                    case .lessThan:
                        return .formula(
                            try Atom.Operation.lessOrEqual.make(base, kTerm), positive: false,
                            atom: Atom(term: base, range: baseRange, operation: .lessOrEqual, constant: c))
                    case .lessOrEqual:
                        return .formula(
                            try Atom.Operation.lessThan.make(base, kTerm), positive: false,
                            atom: Atom(term: base, range: baseRange, operation: .lessThan, constant: c))
                    }
                }
            }
            let (a, b) = try terms(l, r, context)
            return .formula(try op.make(a, b), positive: true, atom: nil)
        } catch {
            return .failed(error)
        }
    }

    public static func unsignedGreater(_ l: SymbolicValue, _ r: SymbolicValue) -> SymbolicCondition {
        if case .failed(let e) = l { return .failed(e) }
        if case .failed(let e) = r { return .failed(e) }
        if case .constant(let a) = l, case .constant(let b) = r {
            return .known(UInt64(bitPattern: Int64(a)) > UInt64(bitPattern: Int64(b)))
        }
        // Both non-negative: the unsigned order is the signed one.
        if l.range.lowerBound >= 0 && r.range.lowerBound >= 0 { return compare(l, r, .lessOrEqual).negated }
        guard let context = l.context ?? r.context else { return .known(false) }
        do {
            let (a, b) = try terms(l, r, context)
            return .formula(try a.ugt(b), positive: true, atom: nil)
        } catch {
            return .failed(error)
        }
    }

    public static func select(_ condition: SymbolicCondition, _ a: SymbolicValue, _ b: SymbolicValue) -> SymbolicValue {
        switch condition {
        case .known(let c): return c ? a : b
        case .failed(let e): return .failed(e)
        case .formula, .choice:
            if case .failed(let e) = a { return .failed(e) }
            if case .failed(let e) = b { return .failed(e) }
            if case .constant(let x) = a, case .constant(let y) = b, x == y { return a }
            if case .term(let x, _, _) = a, case .term(let y, _, _) = b, x == y { return a }
            guard let context = condition.context ?? a.context ?? b.context else { return a }
            let range = min(a.range.lowerBound, b.range.lowerBound)...max(a.range.upperBound, b.range.upperBound)
            guard let width = a.width ?? b.width ?? condition.width else { return .failed(noWidth) }
            do {
                let t = try context.ite(
                    condition.formula(), then: a.term(in: context, width: width),
                    else: b.term(in: context, width: width))
                let depth = max(a.choiceDepth, b.choiceDepth) + 1
                return .term(t, range, depth > maxChoiceDepth ? .opaque : .choice(condition, a, b, depth: depth))
            } catch {
                return .failed(error)
            }
        }
    }

    /// An `ite` chain over the fixed capacity; -1 (no object) outside it, as `Int.load` reads.
    public static func load(_ cells: [SymbolicValue], base: Int, count: Int, at index: SymbolicValue) -> SymbolicValue {
        if let k = index.constantValue { return (0..<count).contains(k) ? cells[base + k] : .constant(-1) }
        let range = index.range
        let candidates = (0..<count).filter(range.contains)
        guard let last = candidates.last else { return .constant(-1) }
        // Surely in range: the last candidate needs no test.
        let inRange = range.lowerBound >= 0 && range.upperBound < count
        var result = inRange ? cells[base + last] : .constant(-1)
        for i in (inRange ? candidates.dropLast() : candidates[...]).reversed() {
            result = select(index == .constant(i), cells[base + i], result)
        }
        return result
    }

    public static func store(
        _ value: SymbolicValue, into cells: inout [SymbolicValue], base: Int, count: Int, at index: SymbolicValue
    ) {
        if let k = index.constantValue {
            if (0..<count).contains(k) { cells[base + k] = value }
            return
        }
        for i in 0..<count where index.range.contains(i) {
            cells[base + i] = select(index == .constant(i), value, cells[base + i])
        }
    }
}

/// A comparison of a term with a constant, which the path oracle decides from what the path has
/// already learned about the term (its range, values it equals or not).
public struct Atom {
    public enum Operation {
        case lessThan, lessOrEqual, equal

        func decide(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> Bool? {
            switch self {
            case .lessThan:
                if a.upperBound < b.lowerBound { return true }
                if a.lowerBound >= b.upperBound { return false }
            case .lessOrEqual:
                if a.upperBound <= b.lowerBound { return true }
                if a.lowerBound > b.upperBound { return false }
            case .equal:
                if a.lowerBound == a.upperBound, b.lowerBound == b.upperBound, a.lowerBound == b.lowerBound {
                    return true
                }
                if a.upperBound < b.lowerBound || b.upperBound < a.lowerBound { return false }
            }
            return nil
        }

        func make(_ a: Term, _ b: Term) throws(Z3Error) -> Term {
            switch self {
            case .lessThan: try a.slt(b)
            case .lessOrEqual: try a.sle(b)
            case .equal: try a.eq(b)
            }
        }
    }

    public let term: Term
    public let range: ClosedRange<Int>
    public let operation: Operation
    public let constant: Int
}

/// A model condition in the symbolic domain: known, or a formula (`base` or its negation; a
/// negation costs nothing and keeps one base per comparison, so the oracle meets each test once).
public indirect enum SymbolicCondition {
    case known(Bool)
    case formula(Term, positive: Bool, atom: Atom?)
    /// `ite(condition, a, b)`: the oracle decides `condition`, then the branch. The `ite` term is
    /// built once, when the choice is: choices nest (a free-list walk compares an index that is a
    /// choice of loads at indices that are choices), and rebuilding the term at each use grows
    /// with the product of the nests' sizes.
    case choice(SymbolicCondition, SymbolicCondition, SymbolicCondition, formula: Term)
    case failed(Z3Error)

    var context: Context? {
        switch self {
        case .formula(let t, _, _): t.context
        case .choice(_, _, _, let t): t.context
        default: nil
        }
    }

    /// The width of the bit-vectors the condition compares: a condition on two constants alone
    /// would be known, so every formula compares at least one term.
    var width: Int? {
        switch self {
        case .formula(let t, _, let atom): atom?.term.bitWidth ?? Self.comparedWidth(t)
        case .choice(let c, let a, let b, _): c.width ?? a.width ?? b.width
        default: nil
        }
    }

    private static func comparedWidth(_ t: Term) -> Int? {
        for argument in t.arguments {
            if let w = argument.bitWidth ?? comparedWidth(argument) { return w }
        }
        return nil
    }

    /// `c ? a : b`, folded where the branches are known.
    static func choose(_ c: SymbolicCondition, _ a: SymbolicCondition, _ b: SymbolicCondition) -> SymbolicCondition {
        if case .failed(let e) = c { return .failed(e) }
        if case .known(let k) = c { return k ? a : b }
        switch (a, b) {
        case (.known(let x), .known(let y)): return x == y ? a : (x ? c : c.negated)
        case (.failed(let e), _), (_, .failed(let e)): return .failed(e)
        default:
            guard let context = c.context ?? a.context ?? b.context else {
                return .failed(Z3Error(kind: .invalidUsage, message: "a choice without a context"))
            }
            do {
                return .choice(
                    c, a, b, formula: try context.ite(c.formula(), then: a.term(in: context), else: b.term(in: context))
                )
            } catch {
                return .failed(error)
            }
        }
    }

    /// The Boolean term.
    public func formula() throws(Z3Error) -> Term {
        switch self {
        case .known(let b):
            throw Z3Error(kind: .invalidUsage, message: "a known condition (\(b)) has no context; use term(in:)")
        case .formula(let t, let positive, _): return positive ? t : try t.not()
        case .choice(_, _, _, let t): return t
        case .failed(let error): throw error
        }
    }

    public func term(in context: Context) throws(Z3Error) -> Term {
        if case .known(let b) = self { return try context.bool(b) }
        return try formula()
    }

    static func connect(_ a: SymbolicCondition, _ b: SymbolicCondition, isAnd: Bool) -> SymbolicCondition {
        if case .failed(let e) = a { return .failed(e) }
        if case .failed(let e) = b { return .failed(e) }
        if case .known(let x) = a { return x == isAnd ? b : a }
        if case .known(let y) = b { return y == isAnd ? a : b }
        guard let context = a.context ?? b.context else { return a }
        do {
            let terms = [try a.formula(), try b.formula()]
            return .formula(isAnd ? try context.and(terms) : try context.or(terms), positive: true, atom: nil)
        } catch {
            return .failed(error)
        }
    }
}

extension SymbolicCondition: ModelCondition {
    public init(constant: Bool) { self = .known(constant) }

    public var constantValue: Bool? {
        if case .known(let b) = self { return b }
        return nil
    }

    public func and(_ other: SymbolicCondition) -> SymbolicCondition { Self.connect(self, other, isAnd: true) }
    public func or(_ other: SymbolicCondition) -> SymbolicCondition { Self.connect(self, other, isAnd: false) }

    public var negated: SymbolicCondition {
        switch self {
        case .known(let b): return .known(!b)
        case .formula(let t, let positive, let atom): return .formula(t, positive: !positive, atom: atom)
        case .choice(let c, let a, let b, let t):
            do {
                return .choice(c, a.negated, b.negated, formula: try t.not())
            } catch {
                return .failed(error)
            }
        case .failed: return self
        }
    }
}
