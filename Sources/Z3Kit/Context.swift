import CZ3

/// Owner of one Z3 context: every ``Term``, ``Sort``, ``Solver`` and ``Assignment`` belongs to
/// exactly one context and keeps it alive, because Z3 frees all of a context's objects at once
/// when the context is deleted.
///
/// Thread-safety: a Z3 context is not thread-safe, so a `Context` and everything made from it
/// (which all call into the same context, even from `deinit`) must be used by one thread at a
/// time. None of these types is `Sendable`; Swift 6 can still hand a whole, disconnected context
/// graph to another task (`sending`). Independent contexts may run in parallel on different
/// threads. The only cross-thread entry point is ``interrupter``.
///
/// The context is created with `Z3_mk_context_rc`: Z3 frees an AST as soon as its reference
/// count drops to zero, so memory use follows the Swift object graph rather than growing for
/// the whole life of the context.
public final class Context {
    let raw: OpaquePointer

    /// A cross-thread handle that can cancel a running check on this context.
    public let interrupter: Interrupter

    /// Bit-vector sorts by width, and the Bool sort, are requested for every numeral; caching
    /// the raw (inc_ref'd) sorts avoids a sort lookup and two reference-count calls per
    /// numeral. They are held as raw pointers, not `Sort` objects, because a `Sort` retains its
    /// context and the cache would then keep the context alive forever.
    private var bitVectorSorts: [UInt32: OpaquePointer] = [:]
    let boolSortRaw: OpaquePointer

    public init() throws(Z3Error) {
        guard let config = Z3_mk_config() else {
            throw Z3Error(kind: .unexpectedNull, message: "Z3_mk_config returned null")
        }
        let context = Z3_mk_context_rc(config)
        Z3_del_config(config)
        guard let context else {
            throw Z3Error(kind: .unexpectedNull, message: "Z3_mk_context_rc returned null")
        }
        // Z3's default error handler calls `exit`. This one does nothing, so that a failing
        // call simply returns and Z3Kit reads the error code and throws a `Z3Error` instead.
        Z3_set_error_handler(context) { _, _ in }
        guard let boolSort = Z3_mk_bool_sort(context), Z3_get_error_code(context) == Z3_OK else {
            Z3_del_context(context)
            throw Z3Error(kind: .unexpectedNull, message: "Z3_mk_bool_sort failed")
        }
        Z3_inc_ref(context, Z3_sort_to_ast(context, boolSort))
        self.raw = context
        self.boolSortRaw = boolSort
        self.interrupter = Interrupter(context: context)
        LiveContexts.add(interrupter)
    }

    deinit {
        // Detach the interrupter first: after this no other thread can reach the context.
        LiveContexts.remove(interrupter)
        interrupter.detach()
        for sort in bitVectorSorts.values {
            Z3_dec_ref(raw, Z3_sort_to_ast(raw, sort))
        }
        Z3_dec_ref(raw, Z3_sort_to_ast(raw, boolSortRaw))
        Z3_del_context(raw)
    }

    // MARK: - Error checking (internal)

    /// Throws if the last Z3 call failed. Z3 resets the error code on entry to each API call, so
    /// this must run immediately after the call it checks.
    @inline(__always)
    func check() throws(Z3Error) {
        let code = Z3_get_error_code(raw)
        if code != Z3_OK { throw lastError(code) }
    }

    @inline(never)
    func lastError(_ code: Z3_error_code) -> Z3Error {
        // The message may point into the context's own buffer: copy it now.
        let message = Z3_get_error_msg(raw, code).map { String(cString: $0) } ?? "unknown Z3 error"
        return Z3Error(code: code, message: message)
    }

    /// Checks the last call and wraps its (non-null) AST result as a `Term`.
    @inline(__always)
    func wrap(_ ast: OpaquePointer?) throws(Z3Error) -> Term {
        try check()
        guard let ast else { throw Z3Error(kind: .unexpectedNull, message: "Z3 returned a null AST") }
        return Term(context: self, retaining: ast)
    }

    /// The raw AST of `term`, refusing terms of another context: Z3 does not check this and
    /// would use the other context's memory.
    @inline(__always)
    func own(_ term: Term) throws(Z3Error) -> OpaquePointer {
        guard term.context === self else { throw Z3Error.contextMismatch }
        return term.raw
    }

    @inline(__always)
    func unary(_ a: Term, _ make: (OpaquePointer?, OpaquePointer?) -> OpaquePointer?)
        throws(Z3Error) -> Term
    {
        let ra = try own(a)
        return try wrap(make(raw, ra))
    }

    @inline(__always)
    func binary(
        _ a: Term, _ b: Term, _ make: (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    ) throws(Z3Error) -> Term {
        let ra = try own(a)
        let rb = try own(b)
        return try wrap(make(raw, ra, rb))
    }

    func nary(
        _ terms: [Term], _ make: (OpaquePointer?, UInt32, UnsafePointer<OpaquePointer?>?) -> OpaquePointer?
    ) throws(Z3Error) -> Term {
        guard let count = UInt32(exactly: terms.count) else {
            throw Z3Error(kind: .invalidArgument, message: "too many arguments: \(terms.count)")
        }
        for term in terms where term.context !== self { throw Z3Error.contextMismatch }
        let result = withUnsafeTemporaryAllocation(of: OpaquePointer?.self, capacity: terms.count) {
            buffer in
            for (index, term) in terms.enumerated() { buffer[index] = term.raw }
            return make(raw, count, UnsafePointer(buffer.baseAddress))
        }
        return try wrap(result)
    }

    /// The raw bit-vector sort of `width` bits, cached.

    func bitVectorSortRaw(width: Int) throws(Z3Error) -> OpaquePointer {
        guard let w = UInt32(exactly: width), w > 0 else {
            throw Z3Error(kind: .invalidArgument, message: "bit-vector width must be positive, got \(width)")
        }
        if let cached = bitVectorSorts[w] { return cached }
        let sort = Z3_mk_bv_sort(raw, w)
        try check()
        guard let sort else { throw Z3Error(kind: .unexpectedNull, message: "Z3_mk_bv_sort returned null") }
        Z3_inc_ref(raw, Z3_sort_to_ast(raw, sort))
        bitVectorSorts[w] = sort
        return sort
    }

    @inline(__always)
    func symbol(_ name: String) -> OpaquePointer? {
        Z3_mk_string_symbol(raw, name)
    }
}

extension Z3Error {
    static let contextMismatch = Z3Error(
        kind: .contextMismatch, message: "a Z3 object was used with a context it does not belong to")

    static func argument(_ what: String, _ value: Int) -> Z3Error {
        Z3Error(kind: .invalidArgument, message: "\(what) out of range: \(value)")
    }
}

@inline(__always)
func uint32(_ what: String, _ value: Int) throws(Z3Error) -> UInt32 {
    guard let v = UInt32(exactly: value) else { throw Z3Error.argument(what, value) }
    return v
}
