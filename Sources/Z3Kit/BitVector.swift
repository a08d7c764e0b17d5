import CZ3

/// Bit-vector operations. All arithmetic is modulo 2^width; both operands must have the same
/// width (Z3 reports a sort error otherwise, thrown as ``Z3Error``). Division by zero follows
/// SMT-LIB: `udiv x 0` is all ones and `urem x 0` is `x`.
extension Term {
    // MARK: Arithmetic

    public func add(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvadd) }
    public func sub(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvsub) }
    public func mul(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvmul) }
    public func udiv(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvudiv) }
    public func urem(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvurem) }
    public func sdiv(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvsdiv) }
    /// Signed remainder; the sign follows the dividend.
    public func srem(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvsrem) }
    /// Two's-complement negation.
    public func neg() throws(Z3Error) -> Term { try context.unary(self, Z3_mk_bvneg) }

    // MARK: Bitwise

    public func bitAnd(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvand) }
    public func bitOr(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvor) }
    public func bitXor(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvxor) }
    public func bitNot() throws(Z3Error) -> Term { try context.unary(self, Z3_mk_bvnot) }
    public func shiftLeft(_ amount: Term) throws(Z3Error) -> Term { try context.binary(self, amount, Z3_mk_bvshl) }
    public func logicalShiftRight(_ amount: Term) throws(Z3Error) -> Term {
        try context.binary(self, amount, Z3_mk_bvlshr)
    }
    public func arithmeticShiftRight(_ amount: Term) throws(Z3Error) -> Term {
        try context.binary(self, amount, Z3_mk_bvashr)
    }

    // MARK: Unsigned comparisons

    public func ult(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvult) }
    public func ule(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvule) }
    public func ugt(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvugt) }
    public func uge(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvuge) }

    // MARK: Signed comparisons

    public func slt(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvslt) }
    public func sle(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvsle) }
    public func sgt(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvsgt) }
    public func sge(_ other: Term) throws(Z3Error) -> Term { try context.binary(self, other, Z3_mk_bvsge) }

    // MARK: Width changes

    /// Widens by `extraBits` zero bits on the left.
    public func zeroExtend(by extraBits: Int) throws(Z3Error) -> Term {
        let n = try uint32("zero-extension", extraBits)
        let r = try context.own(self)
        return try context.wrap(Z3_mk_zero_ext(context.raw, n, r))
    }

    /// Widens by `extraBits` copies of the sign bit.
    public func signExtend(by extraBits: Int) throws(Z3Error) -> Term {
        let n = try uint32("sign-extension", extraBits)
        let r = try context.own(self)
        return try context.wrap(Z3_mk_sign_ext(context.raw, n, r))
    }

    /// Bits `high` down to `low` inclusive (width `high - low + 1`); bit 0 is the least
    /// significant. Requires `width > high >= low >= 0`.
    public func extract(high: Int, low: Int) throws(Z3Error) -> Term {
        let h = try uint32("extract high bit", high)
        let l = try uint32("extract low bit", low)
        let r = try context.own(self)
        return try context.wrap(Z3_mk_extract(context.raw, h, l, r))
    }

    /// `self` as the high bits followed by `low` as the low bits.
    public func concat(_ low: Term) throws(Z3Error) -> Term {
        try context.binary(self, low, Z3_mk_concat)
    }
}
