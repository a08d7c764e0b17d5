import CZ3

/// A satisfying assignment returned by ``Solver/model()``. It stays valid after the solver
/// moves on (it holds its own Z3 reference), so counterexamples can be kept.
public final class Assignment {
    public let context: Context
    let raw: OpaquePointer

    init(context: Context, retaining raw: OpaquePointer) {
        self.context = context
        self.raw = raw
        Z3_model_inc_ref(context.raw, raw)
    }

    /// A model of our own making that gives each constant in `values` its value (a numeral):
    /// a state known by its cells, to evaluate terms in as Z3 would in one of its models.
    public convenience init(_ context: Context, values: [(constant: Term, value: Term)]) throws(Z3Error) {
        guard let raw = Z3_mk_model(context.raw) else { throw Z3Error(kind: .exception, message: "Z3_mk_model failed") }
        self.init(context: context, retaining: raw)
        for (constant, value) in values {
            let c = try context.own(constant)
            let v = try context.own(value)
            guard Z3_is_app(context.raw, c), let app = Z3_to_app(context.raw, c),
                let decl = Z3_get_app_decl(context.raw, app),
                Z3_get_arity(context.raw, decl) == 0, Z3_get_decl_kind(context.raw, decl) == Z3_OP_UNINTERPRETED
            else {
                throw Z3Error(kind: .exception, message: "\(constant) is not a constant")
            }
            Z3_add_const_interp(context.raw, raw, decl, v)
            try context.check()
        }
    }

    deinit {
        Z3_model_dec_ref(context.raw, raw)
    }

    /// The value of `term` in this model. With `completion`, constants the model leaves
    /// unconstrained get a default value, so a bit-vector term always evaluates to a numeral.
    public func eval(_ term: Term, completion: Bool = true) throws(Z3Error) -> Term {
        let r = try context.own(term)
        var result: OpaquePointer?
        let ok = Z3_model_eval(context.raw, raw, r, completion, &result)
        try context.check()
        guard ok, let result else {
            throw Z3Error(kind: .exception, message: "model evaluation failed for \(term)")
        }
        return Term(context: context, retaining: result)
    }

    /// The value of a bit-vector term (with completion), or nil if it does not fit in 64 bits.
    public func uint64Value(of term: Term) throws(Z3Error) -> UInt64? {
        try eval(term, completion: true).uint64Value
    }

    /// The value of a Boolean term (with completion), or nil if it is not Boolean.
    public func boolValue(of term: Term) throws(Z3Error) -> Bool? {
        try eval(term, completion: true).boolValue
    }
}

extension Assignment: CustomStringConvertible {
    public var description: String {
        Z3_model_to_string(context.raw, raw).map { String(cString: $0) } ?? "<model>"
    }
}
