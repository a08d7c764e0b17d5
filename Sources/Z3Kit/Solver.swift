import CZ3

/// An incremental Z3 solver: assert, push/pop, check, and inspect the result.
///
/// Belongs to one ``Context`` and, like it, must be used from one thread at a time.
/// Results of the last check (``model()``, ``unsatCore()``) are only available until the
/// solver is changed again, and the wrapper enforces that instead of letting Z3 hand out a
/// stale model.
public final class Solver {
    public enum Flavor: Sendable {
        /// `Z3_mk_solver`: Z3 picks the strategy from the logic of the assertions; best for
        /// one-shot queries.
        case general
        /// `Z3_mk_simple_solver`: the incremental SMT core without preprocessing; usually
        /// faster for many small incremental push/check/pop rounds.
        case simple
        /// `Z3_mk_solver_from_tactic` over these tactics run in order (e.g. `simplify`,
        /// `solve-eqs`, `bit-blast`, `sat`): no incremental state, every check starts over, but
        /// a pure bit-vector query goes to the SAT solver whole. Scopes (push/pop) still work.
        case tactics([String])
        /// `Z3_mk_solver_for_logic`: Z3's solver for one SMT-LIB logic. `QF_FD` is the
        /// incremental SAT solver over bit-vectors: it bit-blasts each assertion once and keeps
        /// learned clauses across checks, which suits an unrolling that grows step by step.
        case logic(String)
    }

    public let context: Context
    let raw: OpaquePointer

    /// The result of the last check, or nil once the solver has changed since.
    private var lastResult: CheckResult?

    public init(_ context: Context, flavor: Flavor = .general) throws(Z3Error) {
        let solver: OpaquePointer?
        switch flavor {
        case .general: solver = Z3_mk_solver(context.raw)
        case .simple: solver = Z3_mk_simple_solver(context.raw)
        case .tactics(let names): solver = try Self.fromTactics(names, context)
        case .logic(let name): solver = Z3_mk_solver_for_logic(context.raw, Z3_mk_string_symbol(context.raw, name))
        }
        try context.check()
        guard let solver else { throw Z3Error(kind: .unexpectedNull, message: "Z3_mk_solver returned null") }
        Z3_solver_inc_ref(context.raw, solver)
        self.context = context
        self.raw = solver
        // Z3 would otherwise install its own SIGINT handler around every check and restore the
        // previous one after it; with checks on several threads, a handler restored out of order
        // points at a finished check, and the next SIGINT crashes. slabcheck handles signals
        // itself and interrupts checks through `LiveContexts`.
        try setParameter("ctrl_c", false)
    }

    deinit {
        Z3_solver_dec_ref(context.raw, raw)
    }

    /// The solver of the tactics `names` run one after another; an unknown name throws. Every
    /// tactic made here holds one reference until the solver is made, whatever throws.
    private static func fromTactics(_ names: [String], _ context: Context) throws(Z3Error) -> OpaquePointer? {
        var held: [OpaquePointer] = []
        defer { for t in held { Z3_tactic_dec_ref(context.raw, t) } }
        func hold(_ t: OpaquePointer?, _ what: String) throws(Z3Error) -> OpaquePointer {
            try context.check()
            guard let t else { throw Z3Error(kind: .unexpectedNull, message: "\(what) returned null") }
            Z3_tactic_inc_ref(context.raw, t)
            held.append(t)
            return t
        }
        guard let head = names.first else {
            throw Z3Error(kind: .invalidArgument, message: "a tactic solver needs at least one tactic")
        }
        var combined = try hold(Z3_mk_tactic(context.raw, head), "Z3_mk_tactic(\(head))")
        for name in names.dropFirst() {
            let next = try hold(Z3_mk_tactic(context.raw, name), "Z3_mk_tactic(\(name))")
            combined = try hold(Z3_tactic_and_then(context.raw, combined, next), "Z3_tactic_and_then")
        }
        return Z3_mk_solver_from_tactic(context.raw, combined)
    }

    // MARK: Assertions and scopes

    /// Adds a Boolean constraint.
    public func assert(_ constraint: Term) throws(Z3Error) {
        let r = try context.own(constraint)
        lastResult = nil
        Z3_solver_assert(context.raw, raw, r)
        try context.check()
    }

    public func push() throws(Z3Error) {
        lastResult = nil
        Z3_solver_push(context.raw, raw)
        try context.check()
    }

    /// Drops the assertions made since the matching `push()`s. Popping more scopes than were
    /// pushed throws.
    public func pop(_ scopes: Int = 1) throws(Z3Error) {
        let n = try uint32("pop count", scopes)
        guard n <= numberOfScopes else {
            throw Z3Error(kind: .invalidUsage, message: "pop(\(scopes)) with only \(numberOfScopes) scope(s) pushed")
        }
        lastResult = nil
        Z3_solver_pop(context.raw, raw, n)
        try context.check()
    }

    public var numberOfScopes: UInt32 { Z3_solver_get_num_scopes(context.raw, raw) }

    // MARK: Parameters

    /// Per-check time limit; nil removes it. Z3's granularity is milliseconds and to Z3 a
    /// timeout of 0 means "no limit", so durations are rounded up to at least 1 ms.
    public func setTimeout(_ timeout: Duration?) throws(Z3Error) {
        guard let timeout else { return try setParameter("timeout", UInt32.max) }
        let (seconds, attoseconds) = timeout.components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else {
            throw Z3Error(kind: .invalidArgument, message: "negative timeout \(timeout)")
        }
        let ms = seconds.multipliedReportingOverflow(by: 1000)
        let sub = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000  // round up
        let total = ms.overflow ? Int64.max : ms.partialValue &+ sub
        try setParameter("timeout", UInt32(clamping: max(total, 1)))
    }

    /// Sets an unsigned solver parameter (e.g. "timeout" in ms, "random_seed").
    ///
    /// Z3 4.8.12 validates parameter names lazily: an unknown name is reported (thrown) by
    /// the next `check`, not here.
    public func setParameter(_ name: String, _ value: UInt32) throws(Z3Error) {
        try withParams { params in Z3_params_set_uint(context.raw, params, context.symbol(name), value) }
    }

    /// Sets a Boolean solver parameter.
    public func setParameter(_ name: String, _ value: Bool) throws(Z3Error) {
        try withParams { params in Z3_params_set_bool(context.raw, params, context.symbol(name), value) }
    }

    private func withParams(_ body: (OpaquePointer) -> Void) throws(Z3Error) {
        let params = Z3_mk_params(context.raw)
        try context.check()
        guard let params else { throw Z3Error(kind: .unexpectedNull, message: "Z3_mk_params returned null") }
        Z3_params_inc_ref(context.raw, params)
        defer { Z3_params_dec_ref(context.raw, params) }
        body(params)
        try context.check()
        // Z3 validates names and types here and reports unknown parameters as errors.
        Z3_solver_set_params(context.raw, raw, params)
        try context.check()
    }

    // MARK: Checking

    /// Checks the conjunction of all assertions.
    public func check() throws(Z3Error) -> CheckResult {
        context.interrupter.beginCheck()
        let answer = Z3_solver_check(context.raw, raw)
        return try record(answer, interrupted: context.interrupter.endCheck())
    }

    /// Checks the assertions together with `assumptions` (Boolean terms, best plain Boolean
    /// constants) without asserting them; if unsat, ``unsatCore()`` names the assumptions
    /// that were needed.
    public func check(assumptions: [Term]) throws(Z3Error) -> CheckResult {
        guard let count = UInt32(exactly: assumptions.count) else {
            throw Z3Error.argument("assumption count", assumptions.count)
        }
        for a in assumptions where a.context !== context { throw Z3Error.contextMismatch }
        context.interrupter.beginCheck()
        let answer = withUnsafeTemporaryAllocation(of: OpaquePointer?.self, capacity: assumptions.count) {
            buffer in
            for (i, a) in assumptions.enumerated() { buffer[i] = a.raw }
            return Z3_solver_check_assumptions(context.raw, raw, count, UnsafePointer(buffer.baseAddress))
        }
        return try record(answer, interrupted: context.interrupter.endCheck())
    }

    /// An interrupted check is `unknown`, "canceled", even when Z3 raised its cancellation as an
    /// error from deep inside the check.
    private func record(_ answer: Z3_lbool, interrupted: Bool) throws(Z3Error) -> CheckResult {
        lastResult = nil
        do {
            try context.check()
        } catch {
            guard interrupted else { throw error }
            let canceled = CheckResult.unknown(Unknown(explanation: "canceled"))
            lastResult = canceled
            return canceled
        }
        let result: CheckResult
        if answer == Z3_L_TRUE {
            result = .sat
        } else if answer == Z3_L_FALSE {
            result = .unsat
        } else {
            result = .unknown(Unknown(explanation: reasonUnknown))
        }
        lastResult = result
        return result
    }

    /// Z3's explanation of the last `unknown` answer.
    public var reasonUnknown: String {
        Z3_solver_get_reason_unknown(context.raw, raw).map { String(cString: $0) } ?? ""
    }

    // MARK: Results

    /// The model of the last check; requires it to have answered sat (or unknown, when Z3
    /// may still offer a partial model).
    public func model() throws(Z3Error) -> Assignment {
        switch lastResult {
        case .sat?, .unknown?: break
        case .unsat?, nil:
            throw Z3Error(
                kind: .invalidUsage, message: "no model: the last check was not sat, or the solver changed since")
        }
        let model = Z3_solver_get_model(context.raw, raw)
        try context.check()
        guard let model else { throw Z3Error(kind: .unexpectedNull, message: "Z3_solver_get_model returned null") }
        return Assignment(context: context, retaining: model)
    }

    /// The subset of the last check's assumptions that suffices for unsat (not necessarily
    /// minimal); requires the last check to have answered unsat. Empty if the check had no
    /// assumptions.
    public func unsatCore() throws(Z3Error) -> [Term] {
        guard lastResult == .unsat else {
            throw Z3Error(
                kind: .invalidUsage, message: "no unsat core: the last check was not unsat, or the solver changed since"
            )
        }
        let vector = Z3_solver_get_unsat_core(context.raw, raw)
        try context.check()
        guard let vector else {
            throw Z3Error(kind: .unexpectedNull, message: "Z3_solver_get_unsat_core returned null")
        }
        return try context.terms(of: vector)
    }

    /// Counters of the last check (conflicts, decisions, memory, time...).
    public func statistics() throws(Z3Error) -> Statistics {
        let stats = Z3_solver_get_statistics(context.raw, raw)
        try context.check()
        guard let stats else { throw Z3Error(kind: .unexpectedNull, message: "Z3_solver_get_statistics returned null") }
        return Statistics(context: context.raw, stats: stats)
    }
}

extension Solver: CustomStringConvertible {
    /// The assertions in SMT-LIB form, for debugging.
    public var description: String {
        Z3_solver_to_string(context.raw, raw).map { String(cString: $0) } ?? "<solver>"
    }
}

extension Context {
    /// Copies a Z3 AST vector into terms and releases the vector.
    func terms(of vector: OpaquePointer) throws(Z3Error) -> [Term] {
        Z3_ast_vector_inc_ref(raw, vector)
        defer { Z3_ast_vector_dec_ref(raw, vector) }
        let size = Z3_ast_vector_size(raw, vector)
        var result: [Term] = []
        result.reserveCapacity(Int(size))
        for i in 0..<size {
            result.append(try wrap(Z3_ast_vector_get(raw, vector, i)))
        }
        return result
    }
}
