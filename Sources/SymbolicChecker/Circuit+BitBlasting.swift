import Z3Kit

extension Circuit {
    /// What the SAT solver gets from one step of the circuit: the measure of its size that
    /// predicts the solver's time, which terms do not (a 64-bit adder is one term and hundreds of
    /// clauses).
    public struct BitBlastedSize: Sendable {
        public var variables: Int
        public var clauses: Int
        /// Seconds the solver took to bit-blast the step and find a run of it.
        public var seconds: Double
    }

    /// Bit-blasts one step (two frames of fresh variables and the transition between them) with
    /// the incremental SAT solver BMC and induction use, and reads its counters; nil when
    /// `deadline` passed first.
    public func bitBlastedSize(system: TransitionSystem, deadline: Deadline) throws(SymbolicError) -> BitBlastedSize? {
        let started = ContinuousClock.now
        let answer: CheckResult
        let counters: Statistics
        do throws(Z3Error) {
            let unrolling = Unrolling(system: system, circuit: self, prefix: "size")
            try unrolling.addFrame()
            try unrolling.addFrame()
            let solver = try Solver(system.context, flavor: BoundedModelChecker.incrementalSAT)
            try solver.assert(unrolling.transition(from: 0))
            try deadline.apply(to: solver)
            answer = try solver.check()
            counters = try solver.statistics()
        } catch {
            throw .z3(error)
        }
        switch answer {
        case .sat: break
        case .unknown: return nil
        // Every state in which an action is enabled has a successor.
        case .unsat: throw .internalError("no state of the circuit has a successor")
        }
        func count(_ key: String) -> Int { Int(counters[key]?.doubleValue ?? 0) }
        return BitBlastedSize(
            variables: count("sat mk var"),
            clauses: count("sat mk clause 2ary") + count("sat mk clause 3ary") + count("sat mk clause nary"),
            seconds: SymbolicChecker.seconds(since: started))
    }
}
