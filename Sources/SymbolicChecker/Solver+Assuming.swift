import Z3Kit

extension Solver {
    /// Whether `term` is satisfiable with the assertions, within `deadline`: asked under a fresh
    /// assumption literal (`literal ⇒ term`), not in a scope, so that the incremental solver keeps
    /// what it learned for the next check, and a refuted `term` can then be asserted false for good.
    func check(assuming term: Term, within deadline: Deadline) throws(Z3Error) -> CheckResult {
        let literal = try context.freshConstant(prefix: "ask", sort: context.boolSort)
        try assert(literal.implies(term))
        try deadline.apply(to: self)
        return try check(assumptions: [literal])
    }
}
