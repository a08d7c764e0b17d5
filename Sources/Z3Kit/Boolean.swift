import CZ3

extension Context {
    /// Conjunction; `and([])` is `true`.
    public func and(_ terms: [Term]) throws(Z3Error) -> Term {
        try nary(terms, Z3_mk_and)
    }

    /// Disjunction; `or([])` is `false`.
    public func or(_ terms: [Term]) throws(Z3Error) -> Term {
        try nary(terms, Z3_mk_or)
    }

    /// Pairwise disequality of all `terms` (which must share one sort).
    public func distinct(_ terms: [Term]) throws(Z3Error) -> Term {
        try nary(terms, Z3_mk_distinct)
    }

    /// `if condition then a else b`; `condition` must be Boolean, `a` and `b` of one sort.
    public func ite(_ condition: Term, then a: Term, else b: Term) throws(Z3Error) -> Term {
        let rc = try own(condition)
        let ra = try own(a)
        let rb = try own(b)
        return try wrap(Z3_mk_ite(raw, rc, ra, rb))
    }
}

extension Term {
    public func not() throws(Z3Error) -> Term {
        try context.unary(self, Z3_mk_not)
    }

    public func implies(_ other: Term) throws(Z3Error) -> Term {
        try context.binary(self, other, Z3_mk_implies)
    }

    /// Boolean exclusive or.
    public func xor(_ other: Term) throws(Z3Error) -> Term {
        try context.binary(self, other, Z3_mk_xor)
    }

    /// Equality of two terms of the same sort (Boolean equality is "iff").
    public func eq(_ other: Term) throws(Z3Error) -> Term {
        try context.binary(self, other, Z3_mk_eq)
    }

    /// `not(eq(other))`, in one call.
    public func neq(_ other: Term) throws(Z3Error) -> Term {
        try context.distinct([self, other])
    }
}
