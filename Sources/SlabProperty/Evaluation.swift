import SlabModel

/// Reads a property's syntax tree over one value domain: `Int` for the explicit engine, solver
/// terms for the symbolic ones. The same code gives both their meaning.
///
/// Quantifiers and sums range over small concrete sets (CPUs, slots, objects, tasks), so they
/// unroll into conjunctions and additions; a bound variable is a known number, but for the
/// witnesses of `fails`. An index that is a state value (`held[ac[c].entries[i]]`) becomes a
/// `select` over the possible indices, with -1 (no object, no CPU) outside them, as
/// `ModelValue.load` reads out of range.
///
/// Arithmetic is on 64-bit integers and wraps (`&+`, `&-`, `&*`), as the solver's 64-bit
/// bit-vectors do, so both engines give a property the same meaning. A division whose divisor is
/// zero in a state, where the expression evaluates it (`and`, `or`, `implies`, quantifiers and
/// `where` are read left to right and stop once the answer is known), makes the property
/// violated in that state: `holds` is false there and `dividesByZero` says why.
public struct Evaluation<V: ModelValue> {
    public let layout: Layout
    public let after: SlabState<V>
    public let before: SlabState<V>?
    public let step: StepFacts<V>?
    /// The bound variables' values: a number while a quantifier unrolls, a witness in `fails`.
    var bindings: [String: V] = [:]
    var readsBefore = false
    /// When the expression being read is evaluated at all (the left operands of the `and`s,
    /// `or`s and quantifiers around it allow it).
    var path: V.Condition = V.Condition(constant: true)
    /// Whether `path` is kept: only for an expression that divides.
    var tracksPath = true
    /// The time the evaluation may take; nil for no limit.
    public var budget: EvaluationBudget?
    /// Where the divisions by zero and an abandoned evaluation are recorded; shared by every copy
    /// made for a sub-expression.
    var record = EvaluationRecord<V>(budget: nil)

    /// `before` and `step` are for step properties; a state property needs only `after`.
    public init(layout: Layout, state after: SlabState<V>, before: SlabState<V>? = nil, step: StepFacts<V>? = nil) {
        self.layout = layout
        self.after = after
        self.before = before
        self.step = step
    }

    var state: SlabState<V> { readsBefore ? (before ?? after) : after }

    func bound(_ name: String, to value: Int) -> Evaluation { bound(name, to: V(constant: value)) }

    func bound(_ name: String, to value: V) -> Evaluation {
        var e = self
        e.bindings[name] = value
        return e
    }

    var inBefore: Evaluation {
        var e = self
        e.readsBefore = true
        return e
    }

    /// Evaluated only where `condition` holds too.
    func under(_ condition: V.Condition) -> Evaluation {
        guard tracksPath else { return self }
        var e = self
        e.path = path.and(condition)
        return e
    }

    /// Whether the state satisfies `f`: its condition is true and no division in it is by zero.
    /// An evaluation that runs out of its `budget` is abandoned and says true: the budget records
    /// it, and the caller must then report its run `bounded`.
    public func holds(_ f: Formula) -> V.Condition {
        let e = fresh(for: f)
        let result = e.condition(f)
        if e.record.abandoned { return V.Condition(constant: true) }
        return result.constantValue == false ? result : result.and(e.record.byZero.negated)
    }

    /// Whether reading `f` in this state divides by zero, which makes `holds` false: the note a
    /// report gives beside such a violation.
    public func dividesByZero(_ f: Formula) -> V.Condition {
        let e = fresh(for: f)
        _ = e.condition(f)
        return e.record.byZero
    }

    func fresh(for f: Formula) -> Evaluation {
        var e = self
        e.path = V.Condition(constant: true)
        e.tracksPath = f.divides
        e.record = EvaluationRecord(budget: budget)
        return e
    }

    func condition(_ f: Formula) -> V.Condition {
        typealias C = V.Condition
        switch f {
        case .literal(let b): return C(constant: b)
        case .comparison(let op, let a, let b):
            let (x, y) = (value(a), value(b))
            switch op {
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            case .greaterOrEqual: return x >= y
            case .equal: return x == y
            case .notEqual: return x != y
            }
        case .not(let a): return condition(a).negated
        case .and(let a, let b):
            let x = condition(a)
            return x.constantValue == false ? x : x.and(under(x).condition(b))
        case .or(let a, let b):
            let x = condition(a)
            return x.constantValue == true ? x : x.or(under(x.negated).condition(b))
        case .implies(let a, let b):
            let x = condition(a)
            return x.constantValue == false ? C(constant: true) : x.negated.or(under(x).condition(b))
        case .forAll(let binding, let body): return quantified(binding, body, universal: true)
        case .exists(let binding, let body): return quantified(binding, body, universal: false)
        case .onArray(let object, let array):
            let o = value(object)
            return pickCondition(array) { ac in
                var found = C(constant: false)
                for i in 0..<ac.capacity {
                    let present = V(constant: i) < state[ac.avail]
                    if present.constantValue == false { break }
                    found = found.or(present.and(state[ac.entries + i] == o))
                }
                return found
            }
        case .onList(let slot, let list):
            let s = value(slot)
            let l = layout.list(list)
            var found = C(constant: false)
            for i in 0..<layout.config.pages {
                let present = V(constant: i) < state[l.count]
                if present.constantValue == false { break }
                found = found.or(present.and(state[l.slots + i] == s))
            }
            return found
        case .stepIs(let names): return step?.isStep(names) ?? C(constant: false)
        case .old(let a): return inBefore.condition(a)
        }
    }

    /// The conjunction (`universal`) or disjunction of `body` over the binding's domain, stopping
    /// as soon as the answer is known.
    func quantified(_ binding: Binding, _ body: Formula, universal: Bool) -> V.Condition {
        var result = V.Condition(constant: universal)
        for i in 0..<binding.domain.size(in: layout) {
            if record.tick() { break }
            let part = under(universal ? result : result.negated).bound(binding.name, to: i).condition(body)
            result = universal ? result.and(part) : result.or(part)
            if result.constantValue == !universal { break }
        }
        return result
    }

    public func value(_ q: Quantity) -> V {
        switch q {
        case .literal(let k): return V(constant: k)
        case .constant(let c): return V(constant: c.value(in: layout))
        case .variable(let name): return bindings[name] ?? V(constant: -1)
        case .global(let g):
            switch g {
            case .freeObjects: return state[layout.freeObjects]
            case .freeTouched: return state[layout.freeTouched]
            case .freeLimit: return state[layout.freeLimit]
            }
        case .array(let array, let field):
            return pick(array) { ac in
                switch field {
                case .avail: state[ac.avail]
                case .limit: state[ac.limit]
                case .batchcount: state[ac.batchcount]
                case .touched: state[ac.touched]
                }
            }
        case .entry(let array, let index):
            let i = value(index)
            return pick(array) { ac in V.load(state.cells, base: ac.entries, count: ac.capacity, at: i) }
        case .slab(let slot, let field):
            return pick(value(slot), below: layout.config.pages) { k in
                let slab = layout.slab(k)
                switch field {
                case .live: return state[slab.live]
                case .inuse: return state[slab.inuse]
                case .free: return state[slab.free]
                }
            }
        case .task(let t, let field):
            return pick(value(t), below: layout.config.tasks) { k in
                field == .status ? state[layout.task(k).status] : state[layout.task(k).cpu]
            }
        case .held(let object):
            return V.load(state.cells, base: layout.held(0), count: layout.objects, at: value(object))
        case .stepArgument(let name): return step?.argument(name) ?? V(constant: -1)
        case .old(let a): return inBefore.value(a)
        case .arithmetic(let op, let a, let b): return arithmetic(op, value(a), value(b))
        case .sum(let binding, let filter, let body):
            var total = V(constant: 0)
            for i in 0..<binding.domain.size(in: layout) {
                if record.tick() { break }
                let e = bound(binding.name, to: i)
                let keep = e.condition(filter)
                if keep.constantValue == false { continue }
                total = arithmetic(.add, total, V.select(keep, e.under(keep).value(body), V(constant: 0)))
            }
            return total
        }
    }

    /// `x op y` with 64-bit wrapping; a division by zero is recorded (where this expression is
    /// evaluated) and its value, which no verdict depends on, is 0.
    func arithmetic(_ op: Arithmetic, _ x: V, _ y: V) -> V {
        if op == .divide {
            let zero = y == V(constant: 0)
            if zero.constantValue != false { record.record(path.and(zero)) }
            if zero.constantValue == true { return V(constant: 0) }
        }
        if let a = x.constantValue, let b = y.constantValue {
            switch op {
            case .add: return V(constant: a &+ b)
            case .subtract: return V(constant: a &- b)
            case .multiply: return V(constant: a &* b)
            case .divide: return V(constant: a.dividedReportingOverflow(by: b).partialValue)
            }
        }
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        }
    }

    /// `read(index)` at `index`'s value: directly when it is a known number, else a `select`
    /// over every index below `bound`; -1 outside.
    func pick(_ index: V, below bound: Int, _ read: (Int) -> V) -> V {
        if let k = index.constantValue { return (0..<bound).contains(k) ? read(k) : V(constant: -1) }
        var result = V(constant: -1)
        for k in (0..<bound).reversed() { result = V.select(index == V(constant: k), read(k), result) }
        return result
    }

    func pick(_ array: ArraySelector, _ read: (ArrayCacheRef) -> V) -> V {
        switch array {
        case .shared: read(layout.shared)
        case .cpu(let c): pick(value(c), below: layout.config.cpus) { read(layout.ac($0)) }
        }
    }

    func pickCondition(_ array: ArraySelector, _ read: (ArrayCacheRef) -> V.Condition) -> V.Condition {
        switch array {
        case .shared: return read(layout.shared)
        case .cpu(let c):
            let index = value(c)
            if let k = index.constantValue {
                return (0..<layout.config.cpus).contains(k) ? read(layout.ac(k)) : V.Condition(constant: false)
            }
            var any = V.Condition(constant: false)
            for k in 0..<layout.config.cpus { any = any.or((index == V(constant: k)).and(read(layout.ac(k)))) }
            return any
        }
    }
}
