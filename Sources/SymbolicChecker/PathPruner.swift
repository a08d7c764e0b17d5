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
/// its prefix with one just answered: a state an earlier satisfiable check found often satisfies
/// it too, and the unsat core of a refuted one (a few guard terms) recurs under many prefixes.
final class PathPruner {
    let context: Context
    private let solver: Solver
    /// One Boolean per guard term, implying it: Z3's assumptions are literals, and each term is
    /// bit-blasted once however many prefixes hold it.
    private var proxies: [Term: Term] = [:]
    private var proxied: [Term: Term] = [:]
    /// The states satisfiable checks found, this round's and those carried from the rounds
    /// before, each a model of the free cells alone, with what it makes of the terms asked.
    private var witnesses: [Witness] = []
    /// The first witnesses: the carried states it kept.
    let carriedCount: Int
    /// The last query's prefix, term by term, with the witnesses that satisfy it up to each term.
    private var levels: [(term: Term, consistent: [Int])] = []
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

    /// Each cell's value where the box fixes it (nil: free).
    private let constants: [Int?]
    /// The cells the box leaves free, each with its variable.
    private let free: [(cell: Int, variable: Term)]
    private let cellBits: Int
    /// Each narrowed cell's variable and the narrow variable, extended, that replaces it in every
    /// formula the solver sees (`Box.narrowing`); the explorer's terms keep the cells' own.
    private let narrowing: [(from: Term, to: Term)]
    /// Each narrowed cell's variable, with its narrow variable and that extended: a witness
    /// gives the narrow variable a value, and the cell's is read through the extension.
    private let narrowed: [Term: (narrow: Term, extended: Term)]
    /// Each term asked so far, narrowed: a guard term recurs under many prefixes.
    private var narrowedTerms: [Term: Term] = [:]

    /// For a round from `box`, whose free cells are `variables`. `carried` are states that
    /// checks of earlier rounds found; those with every cell in this box (a state that ended a
    /// run may hold one far outside it) satisfy this round's invariant too, as boxes only grow,
    /// and a model of the narrow variables holds them exactly.
    init(
        context: Context, invariant: Term, box: Box, variables: [Term], cellBits: Int,
        narrowing: [(from: Term, to: Term, narrow: Term)] = [], carried: [[Int]] = [], deadline: Deadline
    ) throws(Z3Error) {
        self.context = context
        self.deadline = deadline
        let constants = box.constants
        self.constants = constants
        free = variables.enumerated().compactMap { c, v in constants[c] == nil ? (c, v) : nil }
        var byVariable: [Term: (narrow: Term, extended: Term)] = [:]
        for n in narrowing { byVariable[n.from] = (n.narrow, n.to) }
        narrowed = byVariable
        self.cellBits = cellBits
        self.narrowing = narrowing.map { ($0.from, $0.to) }
        let inBox = carried.filter {
            $0.count == box.ranges.count && zip(box.ranges, $0).allSatisfy { $0.contains($1) }
        }
        carriedCount = inBox.count
        solver = try Solver(context, flavor: BoundedModelChecker.incrementalSAT)
        try solver.assert(narrowing.isEmpty ? invariant : invariant.substitute(self.narrowing))
        for state in inBox { witnesses.append(Witness(state: state, model: try model(of: state))) }
    }

    private func narrow(_ term: Term) throws(Z3Error) -> Term {
        guard !narrowing.isEmpty else { return term }
        if let t = narrowedTerms[term] { return t }
        let t = try term.substitute(narrowing)
        narrowedTerms[term] = t
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
        guard let alternative = conjuncts.last else { return true }
        if try witnessed(conjuncts.dropLast(), alternative) { return true }
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
            statistics.satisfiable += 1
            let state = try state(in: solver.model())
            witnesses.append(Witness(state: state, model: try model(of: state)))
            // It satisfies the whole query, so every prefix of it too.
            for j in levels.indices { levels[j].consistent.append(witnesses.count - 1) }
            return true
        case .unknown:
            return true
        }
    }

    /// Whether some witness satisfies `prefix` and `alternative`. The witnesses consistent with
    /// each term of the prefix are kept from the query before, as far as the prefixes agree.
    private func witnessed(_ prefix: ArraySlice<Term>, _ alternative: Term) throws(Z3Error) -> Bool {
        var common = 0
        for (level, term) in zip(levels, prefix) {
            guard level.term == term else { break }
            common += 1
        }
        levels.removeSubrange(common...)
        for term in prefix.dropFirst(common) {
            let before = levels.last?.consistent ?? Array(witnesses.indices)
            var consistent: [Int] = []
            for i in before where try witnesses[i].satisfies(term, narrow) { consistent.append(i) }
            levels.append((term, consistent))
        }
        for i in (levels.last?.consistent ?? Array(witnesses.indices)).reversed()
        where try witnesses[i].satisfies(alternative, narrow) {
            return true
        }
        return false
    }

    /// The state `found` holds: the box's constants, and every free cell's value read through
    /// its narrowing.
    private func state(in found: Assignment) throws(Z3Error) -> [Int] {
        var cells = constants.map { $0 ?? 0 }
        for f in free {
            let term = narrowed[f.variable]?.extended ?? f.variable
            cells[f.cell] = signedCellValue(try found.uint64Value(of: term) ?? 0, width: cellBits)
        }
        return cells
    }

    /// A model of only the free cells, holding their values in `state`.
    private func model(of state: [Int]) throws(Z3Error) -> Assignment {
        var values: [(constant: Term, value: Term)] = []
        for f in free {
            let constant = narrowed[f.variable]?.narrow ?? f.variable
            guard let bits = constant.bitWidth else { continue }
            values.append((constant, try context.bitVector(UInt64(bitPattern: Int64(state[f.cell])), width: bits)))
        }
        return try Assignment(context, values: values)
    }

    /// The states this pruner's checks found (not those it was given), the latest first.
    var foundStates: [[Int]] { witnesses[carriedCount...].reversed().map(\.state) }

    private func proxy(_ term: Term) throws(Z3Error) -> Term {
        if let p = proxies[term] { return p }
        let p = try context.freshConstant(prefix: "prefix", sort: context.boolSort)
        try solver.assert(p.implies(narrow(term)))
        proxies[term] = p
        proxied[p] = term
        return p
    }
}

/// A state a check found, as cells and as a model of the free ones, and what it makes of each
/// term asked of it.
private final class Witness {
    let state: [Int]
    let model: Assignment
    private var known: [Term: Bool] = [:]

    init(state: [Int], model: Assignment) {
        self.state = state
        self.model = model
    }

    func satisfies(_ term: Term, _ narrow: (Term) throws(Z3Error) -> Term) throws(Z3Error) -> Bool {
        if let value = known[term] { return value }
        let value = try model.boolValue(of: narrow(term)) ?? false
        known[term] = value
        return value
    }
}
