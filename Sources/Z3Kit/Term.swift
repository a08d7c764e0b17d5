import CZ3

/// A Z3 expression (Boolean, bit-vector or array).
///
/// Each `Term` holds exactly one Z3 reference (`Z3_inc_ref` on creation, `Z3_dec_ref` in
/// `deinit`) and a strong reference to its ``Context``, so the context cannot be deleted under
/// it. That is the whole per-term cost: one allocation, one retain/release, one inc/dec_ref.
///
/// Z3 hash-conses expressions: building the same expression twice in one context yields the
/// same node. Equality and hashing are therefore by node identity, which is structural
/// equality, and cost O(1) — usable as dictionary keys for memoisation.
public final class Term {
    public let context: Context
    let raw: OpaquePointer

    init(context: Context, retaining raw: OpaquePointer) {
        self.context = context
        self.raw = raw
        Z3_inc_ref(context.raw, raw)
    }

    deinit {
        Z3_dec_ref(context.raw, raw)
    }

    /// Z3's identifier for the node; unique among live nodes of the context, and reused
    /// after a node is freed.
    public var id: UInt32 { Z3_get_ast_id(context.raw, raw) }

    public var sort: Sort {
        get throws(Z3Error) {
            let sort = Z3_get_sort(context.raw, raw)
            try context.check()
            guard let sort else { throw Z3Error(kind: .unexpectedNull, message: "Z3_get_sort returned null") }
            return Sort(context: context, retaining: sort)
        }
    }

    /// The width if this is a bit-vector term, else nil. Cheaper than `sort.kind`: the sort is
    /// borrowed from the term, not wrapped.
    public var bitWidth: Int? {
        guard let sort = Z3_get_sort(context.raw, raw),
            Z3_get_sort_kind(context.raw, sort) == Z3_BV_SORT
        else { return nil }
        return Int(Z3_get_bv_sort_size(context.raw, sort))
    }

    /// The arguments of an application (`a` and `b` of `a + b`); empty for a constant or numeral.
    public var arguments: [Term] {
        guard Z3_is_app(context.raw, raw), let app = Z3_to_app(context.raw, raw) else { return [] }
        let count = Z3_get_app_num_args(context.raw, app)
        return (0..<count).compactMap { i in
            Z3_get_app_arg(context.raw, app, i).map { Term(context: context, retaining: $0) }
        }
    }

    // MARK: - Concrete values without a solver

    /// Whether this is a numeral (a concrete bit-vector value).
    public var isNumeral: Bool { Z3_is_numeral_ast(context.raw, raw) }

    /// The value of a numeral that fits in 64 bits; nil for anything else (symbolic terms,
    /// Booleans, numerals of more than 64 significant bits). Does not simplify: call
    /// ``simplify()`` first to fold concrete sub-terms.
    public var uint64Value: UInt64? {
        guard Z3_is_numeral_ast(context.raw, raw) else { return nil }
        var value: UInt64 = 0
        return Z3_get_numeral_uint64(context.raw, raw, &value) ? value : nil
    }

    /// `true`/`false` for the Boolean constants, nil for anything else.
    public var boolValue: Bool? {
        let value = Z3_get_bool_value(context.raw, raw)
        if value == Z3_L_TRUE { return true }
        if value == Z3_L_FALSE { return false }
        return nil
    }

    /// The operator of an application; nil for anything else (a quantifier, a bound variable).
    var operation: Z3_decl_kind? {
        guard Z3_is_app(context.raw, raw), let app = Z3_to_app(context.raw, raw),
            let decl = Z3_get_app_decl(context.raw, app)
        else { return nil }
        return Z3_get_decl_kind(context.raw, decl)
    }

    /// The parts of a Boolean formula that is a conjunction at its top, found through `and`,
    /// `not (a or b)` and `not (not a)`: the formula holds exactly when every part does. Any
    /// other term is its own only part.
    public func conjuncts() throws(Z3Error) -> [Term] {
        switch operation {
        case Z3_OP_AND:
            var parts: [Term] = []
            for a in arguments { parts += try a.conjuncts() }
            return parts
        case Z3_OP_NOT:
            guard let inner = arguments.first else { return [self] }
            switch inner.operation {
            case Z3_OP_OR:
                var parts: [Term] = []
                for a in inner.arguments { parts += try a.not().conjuncts() }
                return parts
            case Z3_OP_NOT:
                return try inner.arguments.first?.conjuncts() ?? [self]
            default:
                return [self]
            }
        default:
            return [self]
        }
    }

    /// Z3's rewriter: folds concrete sub-terms (so `bv8 250 + 10` becomes `4`) and normalises.
    public func simplify() throws(Z3Error) -> Term {
        try context.unary(self, Z3_simplify)
    }
}

extension Term: Hashable {
    public static func == (lhs: Term, rhs: Term) -> Bool {
        lhs.raw == rhs.raw && lhs.context === rhs.context
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(raw)
    }
}

extension Term: CustomStringConvertible {
    /// SMT-LIB text of the term (copied out of Z3's buffer at once).
    public var description: String {
        Z3_ast_to_string(context.raw, raw).map { String(cString: $0) } ?? "<term>"
    }
}
