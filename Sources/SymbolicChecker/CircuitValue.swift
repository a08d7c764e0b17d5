import SlabModel
import Z3Kit

/// A model number in the merged circuit: a known constant, or a bit-vector term of the encoding's
/// width (`EncodingWidth`), or the Z3 error that building it raised.
///
/// Unlike `SymbolicValue`, it keeps no shape and no range: a merged run writes `ite(guard, new,
/// old)` into every cell it touches, and following comparisons into those `ite`s (as the path
/// explorer's values do) would grow with the number of paths instead of the size of the code.
/// Z3 hash-conses terms, so a sub-term the code builds twice is one node of the circuit.
public enum CircuitValue {
    case constant(Int)
    case term(Term)
    case failed(Z3Error)

    /// The value as a term of `width` bits in `context`.
    public func term(in context: Context, width: Int) throws(Z3Error) -> Term {
        switch self {
        case .constant(let k): try numeral(k, width: width, context)
        case .term(let t): t
        case .failed(let e): throw e
        }
    }

    var termValue: Term? {
        if case .term(let t) = self { return t }
        return nil
    }

    /// Builds `make(l, r)` over terms of the width of whichever operand is a term.
    static func build(_ l: CircuitValue, _ r: CircuitValue, _ make: (Term, Term) throws(Z3Error) -> Term)
        -> CircuitValue
    {
        do {
            let (a, b) = try terms(l, r)
            return .term(try make(a, b))
        } catch {
            return .failed(error)
        }
    }

    static func terms(_ l: CircuitValue, _ r: CircuitValue) throws(Z3Error) -> (Term, Term) {
        if case .failed(let e) = l { throw e }
        if case .failed(let e) = r { throw e }
        guard let like = l.termValue ?? r.termValue, let width = like.bitWidth else {
            throw Z3Error(kind: .invalidUsage, message: "a circuit operation on two constants was not folded")
        }
        return (try l.term(in: like.context, width: width), try r.term(in: like.context, width: width))
    }

    static func compare(
        _ l: CircuitValue, _ r: CircuitValue, _ fold: (Int, Int) -> Bool,
        _ make: (Term, Term) throws(Z3Error) -> Term
    ) -> CircuitCondition {
        if case .constant(let a) = l, case .constant(let b) = r { return .known(fold(a, b)) }
        if case .term(let a) = l, case .term(let b) = r, a == b { return .known(fold(0, 0)) }
        do {
            let (a, b) = try terms(l, r)
            return .formula(try make(a, b), bits: a.bitWidth ?? 0)
        } catch {
            return .failed(error)
        }
    }
}

extension CircuitValue: ModelValue {
    public typealias Condition = CircuitCondition

    public init(constant: Int) { self = .constant(constant) }
    public init(integerLiteral value: Int) { self = .constant(value) }

    public var constantValue: Int? {
        if case .constant(let k) = self { return k }
        return nil
    }

    public static func select(_ condition: CircuitCondition, _ a: CircuitValue, _ b: CircuitValue) -> CircuitValue {
        switch condition {
        case .known(let c): return c ? a : b
        case .failed(let e): return .failed(e)
        case .formula(let f, let bits):
            if case .constant(let x) = a, case .constant(let y) = b, x == y { return a }
            if case .term(let x) = a, case .term(let y) = b, x == y { return a }
            do {
                // Two constants take the width of the values the condition compares.
                let width = a.termValue?.bitWidth ?? b.termValue?.bitWidth ?? bits
                return .term(
                    try f.context.ite(
                        f, then: a.term(in: f.context, width: width), else: b.term(in: f.context, width: width)))
            } catch {
                return .failed(error)
            }
        }
    }

    public static func + (l: CircuitValue, r: CircuitValue) -> CircuitValue {
        if case .constant(let a) = l, case .constant(let b) = r { return .constant(a &+ b) }
        if r.constantValue == 0 { return l }
        if l.constantValue == 0 { return r }
        return build(l, r) { a, b throws(Z3Error) in try a.add(b) }
    }

    public static func - (l: CircuitValue, r: CircuitValue) -> CircuitValue {
        if case .constant(let a) = l, case .constant(let b) = r { return .constant(a &- b) }
        if r.constantValue == 0 { return l }
        return build(l, r) { a, b throws(Z3Error) in try a.sub(b) }
    }

    public static func * (l: CircuitValue, r: CircuitValue) -> CircuitValue {
        if case .constant(let a) = l, case .constant(let b) = r { return .constant(a &* b) }
        if r.constantValue == 1 { return l }
        if l.constantValue == 1 { return r }
        if r.constantValue == 0 || l.constantValue == 0 { return .constant(0) }
        return build(l, r) { a, b throws(Z3Error) in try a.mul(b) }
    }

    /// C's truncating division (`bvsdiv`); by a known zero it is 0, as `SymbolicValue`'s is: the
    /// model divides only by configuration sizes.
    public static func / (l: CircuitValue, r: CircuitValue) -> CircuitValue {
        if case .constant(let b) = r, b == 0 { return .constant(0) }
        if case .constant(let a) = l, case .constant(let b) = r {
            return .constant(a.dividedReportingOverflow(by: b).partialValue)
        }
        if r.constantValue == 1 { return l }
        return build(l, r) { a, b throws(Z3Error) in try a.sdiv(b) }
    }

    public static func < (l: CircuitValue, r: CircuitValue) -> CircuitCondition {
        compare(l, r, <) { a, b throws(Z3Error) in try a.slt(b) }
    }
    public static func <= (l: CircuitValue, r: CircuitValue) -> CircuitCondition {
        compare(l, r, <=) { a, b throws(Z3Error) in try a.sle(b) }
    }
    public static func > (l: CircuitValue, r: CircuitValue) -> CircuitCondition {
        compare(l, r, >) { a, b throws(Z3Error) in try a.sgt(b) }
    }
    public static func >= (l: CircuitValue, r: CircuitValue) -> CircuitCondition {
        compare(l, r, >=) { a, b throws(Z3Error) in try a.sge(b) }
    }
    public static func == (l: CircuitValue, r: CircuitValue) -> CircuitCondition {
        compare(l, r, ==) { a, b throws(Z3Error) in try a.eq(b) }
    }
    public static func != (l: CircuitValue, r: CircuitValue) -> CircuitCondition {
        (l == r).negated
    }

    /// Sign extension keeps the unsigned order, so comparing the encoding's bits unsigned is
    /// comparing the 64-bit values unsigned.
    public static func unsignedGreater(_ l: CircuitValue, _ r: CircuitValue) -> CircuitCondition {
        let fold = { (a: Int, b: Int) in UInt64(bitPattern: Int64(a)) > UInt64(bitPattern: Int64(b)) }
        return compare(l, r, fold) { a, b throws(Z3Error) in try a.ugt(b) }
    }

    /// An `ite` chain over the fixed capacity; -1 (no object) outside it, as `Int.load` reads.
    public static func load(_ cells: [CircuitValue], base: Int, count: Int, at index: CircuitValue) -> CircuitValue {
        if let k = index.constantValue { return (0..<count).contains(k) ? cells[base + k] : .constant(-1) }
        var result = CircuitValue.constant(-1)
        for i in (0..<count).reversed() {
            result = select(index == .constant(i), cells[base + i], result)
        }
        return result
    }

    public static func store(
        _ value: CircuitValue, into cells: inout [CircuitValue], base: Int, count: Int, at index: CircuitValue
    ) {
        if let k = index.constantValue {
            if (0..<count).contains(k) { cells[base + k] = value }
            return
        }
        for i in 0..<count {
            cells[base + i] = select(index == .constant(i), value, cells[base + i])
        }
    }
}

/// A condition in the merged circuit: known, or a Boolean term with the width of the values it
/// compares (every value of one circuit has the same), for a `select` between two constants.
public enum CircuitCondition {
    case known(Bool)
    case formula(Term, bits: Int)
    case failed(Z3Error)

    public func term(in context: Context) throws(Z3Error) -> Term {
        switch self {
        case .known(let b): try context.bool(b)
        case .formula(let f, _): f
        case .failed(let e): throw e
        }
    }

    static func connect(_ a: CircuitCondition, _ b: CircuitCondition, isAnd: Bool) -> CircuitCondition {
        switch (a, b) {
        case (.failed, _): return a
        case (_, .failed): return b
        case (.known(let x), _): return x == isAnd ? b : a
        case (_, .known(let y)): return y == isAnd ? a : b
        case (.formula(let x, let bits), .formula(let y, _)):
            if x == y { return a }
            do {
                return .formula(isAnd ? try x.context.and([x, y]) : try x.context.or([x, y]), bits: bits)
            } catch {
                return .failed(error)
            }
        }
    }
}

extension CircuitCondition: ModelCondition {
    public init(constant: Bool) { self = .known(constant) }

    public var constantValue: Bool? {
        if case .known(let b) = self { return b }
        return nil
    }

    public func and(_ other: CircuitCondition) -> CircuitCondition { Self.connect(self, other, isAnd: true) }
    public func or(_ other: CircuitCondition) -> CircuitCondition { Self.connect(self, other, isAnd: false) }

    public var negated: CircuitCondition {
        switch self {
        case .known(let b): return .known(!b)
        case .formula(let f, let bits):
            do {
                return .formula(try f.not(), bits: bits)
            } catch {
                return .failed(error)
            }
        case .failed: return self
        }
    }
}
