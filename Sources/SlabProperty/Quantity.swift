import SlabModel

/// A number in a property: a literal, a configuration constant, a field of the state, a bound
/// variable, or arithmetic and sums over them.
///
/// One syntax tree serves the Swift builders and the spec syntax, and one evaluator
/// (`Evaluation`) reads it over any `ModelValue`, so a property means the same on both engines.
public indirect enum Quantity: Hashable, Sendable, ExpressibleByIntegerLiteral {
    case literal(Int)
    case constant(ConfigConstant)
    /// A name bound by a quantifier or a sum; its value is an index into the domain.
    case variable(String)
    case global(GlobalField)
    case array(ArraySelector, ArrayField)
    /// `ac_entry(ac)[index]`: meaningful below `avail` only (above it is don't-care).
    case entry(ArraySelector, Quantity)
    case slab(Quantity, SlabField)
    case task(Quantity, TaskField)
    /// How many callers hold the object.
    case held(Quantity)
    /// An argument of the step taken (`cpu`, `task`, `object`, `ok`, `full`, `tuning`); -1 when
    /// the step has no such argument. Step properties only.
    case stepArgument(String)
    /// The value in the state before the step. Step properties only.
    case old(Quantity)
    case arithmetic(Arithmetic, Quantity, Quantity)
    /// `Σ body` over the bound values where `filter` holds.
    case sum(Binding, Formula, Quantity)

    public init(integerLiteral value: Int) { self = .literal(value) }
}

/// The configuration's numbers, by the names specs use.
public enum ConfigConstant: String, CaseIterable, Sendable {
    case cpus, num, limit, batchcount, sharedLimit, batchRefillLimit, pages, tasks, objects

    func value(in layout: Layout) -> Int {
        let c = layout.config
        switch self {
        case .cpus: return c.cpus
        case .num: return c.num
        case .limit: return c.limit
        case .batchcount: return c.batchcount
        case .sharedLimit: return c.sharedLimit
        case .batchRefillLimit: return c.batchRefillLimit
        case .pages: return c.pages
        case .tasks: return c.tasks
        case .objects: return layout.objects
        }
    }
}

/// The l3 and cache-wide fields.
public enum GlobalField: String, CaseIterable, Sendable {
    case freeObjects, freeTouched, freeLimit
}

/// Which `array_cache`: a CPU's (by a number) or `l3->shared`.
public indirect enum ArraySelector: Hashable, Sendable {
    case cpu(Quantity)
    case shared
}

public enum ArrayField: String, CaseIterable, Sendable {
    case avail, limit, batchcount, touched
}

/// A slab slot's fields: `live` (0 or 1, the model's), `inuse` and `free` (the kernel's).
public enum SlabField: String, CaseIterable, Sendable {
    case live, inuse, free
}

/// A task's `status` (0 idle, 1 sleeping in `cache_grow`, more only for `grow-fail-irqs-on`) and
/// its current `cpu`.
public enum TaskField: String, CaseIterable, Sendable {
    case status, cpu
}

public enum Arithmetic: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}
