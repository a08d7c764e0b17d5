/// Operators for the common cases. They throw like the named methods, so they read
/// `try a + b`. Only operators whose meaning is unambiguous are provided: no `<` (signed or
/// unsigned?) and no `==` (that is `Term` identity, from `Equatable`; use ``Term/eq(_:)``).
extension Term {
    /// Bit-vector addition, modulo 2^width.
    public static func + (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.add(rhs) }
    public static func - (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.sub(rhs) }
    public static func * (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.mul(rhs) }

    /// Adds a numeral of `lhs`'s width (the constant is taken modulo 2^width).
    public static func + (lhs: Term, rhs: UInt64) throws(Z3Error) -> Term { try lhs.add(lhs.numeral(rhs)) }
    public static func - (lhs: Term, rhs: UInt64) throws(Z3Error) -> Term { try lhs.sub(lhs.numeral(rhs)) }
    public static func * (lhs: Term, rhs: UInt64) throws(Z3Error) -> Term { try lhs.mul(lhs.numeral(rhs)) }

    /// Bitwise operators on bit-vectors.
    public static func & (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.bitAnd(rhs) }
    public static func | (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.bitOr(rhs) }
    public static func ^ (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.bitXor(rhs) }
    public static prefix func ~ (operand: Term) throws(Z3Error) -> Term { try operand.bitNot() }

    /// Boolean connectives. Both sides are always built (no short-circuit: they are formulas).
    public static func && (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.context.and([lhs, rhs]) }
    public static func || (lhs: Term, rhs: Term) throws(Z3Error) -> Term { try lhs.context.or([lhs, rhs]) }
    public static prefix func ! (operand: Term) throws(Z3Error) -> Term { try operand.not() }

    /// A numeral of this term's bit-vector sort.
    public func numeral(_ value: UInt64) throws(Z3Error) -> Term {
        guard let width = bitWidth else {
            throw Z3Error(kind: .sortError, message: "\(self) is not a bit-vector; cannot make a numeral of its sort")
        }
        return try context.bitVector(value, width: width)
    }
}
