import Z3Kit

/// Asks Z3 whether a path prefix is open to some state a step may start from.
///
/// The explorer's own feasibility test knows only intervals, so from a box it follows paths that
/// no well-formed state takes: a slab on `slabs_partial` with every object free, an object both
/// on a free chain and in an array. When every state a step starts from is known to satisfy an
/// invariant (the properties BMC has shown for the shallower depths, induction's hypothesis),
/// an alternative whose guard contradicts the invariant can be dropped: the relation stays exact
/// for those states, which are the only ones it is used from. On small it took the converged
/// relation from 13,582 paths to 1,034 (before `list_del` asked which list first).
///
/// Most queries never reach the solver. The explorer asks depth first, so a query shares most of
/// its prefix with one just answered: the model of a recent satisfiable one often satisfies it
/// too, and the unsat core of a refuted one (a few guard terms) recurs under many prefixes.
final class PathPruner {
    let context: Context
    private let solver: Solver
    /// One Boolean per guard term, implying it: Z3's assumptions are literals, and each term is
    /// bit-blasted once however many prefixes hold it.
    private var proxies: [Term: Term] = [:]
    private var proxied: [Term: Term] = [:]
    /// Models of the latest satisfiable checks, with what each makes of the guard terms asked.
    private var witnesses: [(model: Model, known: [Term: Bool])] = []
    /// In medium's round 3, 16 witnesses answered three queries in four of those that got this
    /// far, and 64 hardly more (four in five).
    static let witnessCount = 16
    /// Guard terms that contradict the invariant together.
    private var cores: [Set<Term>] = []
    /// Solver calls made, the seconds they took, and alternatives dropped (by a call or a core).
    private(set) var statistics = Pruning()

    /// A check that runs this long is taken as satisfiable: pruning is an optimisation, and an
    /// alternative kept is never wrong. (Capping checks at 20 ms instead kept so many paths on
    /// medium that the step grew tenfold.)
    static let checkLimit = Duration.seconds(2)

    /// The run's: past it every query is taken as satisfiable, so the explorer finishes its path
    /// at once and stops there.
    let deadline: Deadline

    /// Each free cell's variable, and the narrow variable, extended, that replaces it in every
    /// formula the solver sees (`Box.narrowing`); the explorer's terms keep the cells' own.
    private let narrowing: [(from: Term, to: Term)]
    /// Each term asked so far, narrowed: a guard term recurs under many prefixes.
    private var narrowed: [Term: Term] = [:]

    init(context: Context, invariant: Term, narrowing: [(from: Term, to: Term)] = [], deadline: Deadline) throws(Z3Error) {
        self.context = context
        self.deadline = deadline
        self.narrowing = narrowing
        solver = try Solver(context, flavor: BoundedModelChecker.incrementalSAT)
        try solver.assert(narrowing.isEmpty ? invariant : invariant.substitute(narrowing))
    }

    private func narrow(_ term: Term) throws(Z3Error) -> Term {
        guard !narrowing.isEmpty else { return term }
        if let t = narrowed[term] { return t }
        let t = try term.substitute(narrowing)
        narrowed[term] = t
        return t
    }

    /// Whether a state satisfying the invariant satisfies every term of `conjuncts` (true when
    /// Z3 cannot tell).
    func satisfiable(_ conjuncts: [Term]) throws(Z3Error) -> Bool {
        let asked = Set(conjuncts)
        if cores.contains(where: { $0.isSubset(of: asked) }) {
            statistics.dropped += 1
            return false
        }
        for i in witnesses.indices where try witness(i, satisfies: conjuncts) { return true }
        let limit = min(Self.checkLimit, deadline.remaining ?? Self.checkLimit)
        guard limit > .zero else { return true }
        var literals: [Term] = []
        for t in conjuncts { literals.append(try proxy(t)) }
        try solver.setTimeout(limit)
        statistics.calls += 1
        let started = ContinuousClock.now
        let answer = try solver.check(assumptions: literals)
        statistics.seconds += seconds(since: started)
        switch answer {
        case .unsat:
            statistics.dropped += 1
            cores.append(Set(try solver.unsatCore().compactMap { proxied[$0] }))
            return false
        case .sat:
            witnesses.insert((try solver.model(), [:]), at: 0)
            if witnesses.count > Self.witnessCount { witnesses.removeLast() }
            return true
        case .unknown:
            return true
        }
    }

    /// Whether witness `i` makes every term of `conjuncts` true (the last, the new alternative,
    /// is the likeliest to fail, so it goes first).
    private func witness(_ i: Int, satisfies conjuncts: [Term]) throws(Z3Error) -> Bool {
        for t in conjuncts.reversed() {
            let value: Bool
            if let known = witnesses[i].known[t] {
                value = known
            } else {
                value = try witnesses[i].model.boolValue(of: narrow(t)) ?? false
                witnesses[i].known[t] = value
            }
            if !value { return false }
        }
        return true
    }

    private func proxy(_ term: Term) throws(Z3Error) -> Term {
        if let p = proxies[term] { return p }
        let p = try context.freshConstant(prefix: "prefix", sort: context.boolSort)
        try solver.assert(p.implies(narrow(term)))
        proxies[term] = p
        proxied[p] = term
        return p
    }
}
