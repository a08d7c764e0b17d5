import CZ3

extension Context {
    /// The uninterpreted constant `name` of `sort`. The same name and sort give the same term.
    public func constant(_ name: String, sort: Sort) throws(Z3Error) -> Term {
        guard sort.context === self else { throw Z3Error.contextMismatch }
        return try wrap(Z3_mk_const(raw, symbol(name), sort.raw))
    }

    /// A constant guaranteed distinct from every other constant (Z3 appends a unique suffix to
    /// `prefix`): for per-step copies of state variables in bounded model checking.
    public func freshConstant(prefix: String, sort: Sort) throws(Z3Error) -> Term {
        guard sort.context === self else { throw Z3Error.contextMismatch }
        return try wrap(Z3_mk_fresh_const(raw, prefix, sort.raw))
    }

    public func boolConstant(_ name: String) throws(Z3Error) -> Term {
        try wrap(Z3_mk_const(raw, symbol(name), boolSortRaw))
    }

    public func bitVectorConstant(_ name: String, width: Int) throws(Z3Error) -> Term {
        let sort = try bitVectorSortRaw(width: width)
        return try wrap(Z3_mk_const(raw, symbol(name), sort))
    }

    /// The Boolean constant `true` or `false`.
    public func bool(_ value: Bool) throws(Z3Error) -> Term {
        try wrap(value ? Z3_mk_true(raw) : Z3_mk_false(raw))
    }

    /// The bit-vector numeral `value` of `width` bits. For widths below 64 Z3 keeps only the
    /// low `width` bits (the value is taken modulo 2^width).
    public func bitVector(_ value: UInt64, width: Int) throws(Z3Error) -> Term {
        let sort = try bitVectorSortRaw(width: width)
        return try wrap(Z3_mk_unsigned_int64(raw, value, sort))
    }

    /// A numeral of `sort` written in decimal, for values that do not fit in 64 bits.
    public func numeral(_ decimal: String, sort: Sort) throws(Z3Error) -> Term {
        guard sort.context === self else { throw Z3Error.contextMismatch }
        return try wrap(Z3_mk_numeral(raw, decimal, sort.raw))
    }
}
