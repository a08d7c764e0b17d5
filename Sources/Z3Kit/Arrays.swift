import CZ3

extension Context {
    /// The array mapping every index of `domain` to `value`, e.g. zero-initialised memory.
    public func constantArray(domain: Sort, value: Term) throws(Z3Error) -> Term {
        guard domain.context === self else { throw Z3Error.contextMismatch }
        let rv = try own(value)
        return try wrap(Z3_mk_const_array(raw, domain.raw, rv))
    }
}

extension Term {
    /// `self[index]` for an array term.
    public func select(_ index: Term) throws(Z3Error) -> Term {
        try context.binary(self, index, Z3_mk_select)
    }

    /// The array equal to `self` except that `index` maps to `value`.
    public func store(_ index: Term, _ value: Term) throws(Z3Error) -> Term {
        let ra = try context.own(self)
        let ri = try context.own(index)
        let rv = try context.own(value)
        return try context.wrap(Z3_mk_store(context.raw, ra, ri, rv))
    }
}
