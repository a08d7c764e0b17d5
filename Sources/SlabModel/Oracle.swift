/// How the model's code leaves the code it is in, other than by falling off its end.
public enum Stop: Error, Sendable {
    /// The run stops for good (a `BUG_ON`, a wild pointer, a hang): the state records `Crash`.
    case crash(Crash)
    /// The action is not enabled in this state: there is no step at all.
    case disabled
    /// `break` out of the innermost `Oracle.loop`.
    case breakLoop
}

/// Turns the model's control flow into execution.
///
/// The kernel functions never branch on a condition themselves: they hand each `if`, loop and
/// choice of a CPU or slab to the oracle, with the arms as closures. That is what lets one text of
/// the refill run three ways:
/// - concretely (`ConcreteOracle`): a plain `if`, a plain loop;
/// - along one path at a time (the path explorer): each condition decided one way per run;
/// - merged (the circuit builder): both arms run, one after the other, each under its guard, and
///   every write is `ite(guard, new, old)`, so the step becomes one term per cell.
///
/// For the merged run to be right, the code an arm runs changes the state only through `write`
/// (`GuardedState` does so for the cells, `assign` for locals) and leaves an arm only by
/// throwing a `Stop`. Everything else an arm may touch (the CPU, which array) is fixed before the
/// arm begins, by a `pick`.
public protocol Oracle {
    associatedtype Value: ModelValue
    typealias Condition = Value.Condition

    /// `if condition { then() } else { otherwise() }`.
    func when(_ condition: Condition, _ then: () throws -> Void, else otherwise: () throws -> Void) throws

    /// Whether the step goes on: where `condition` fails the action is not enabled. A merged run
    /// always goes on, with the failing states left out of the step's enabling condition.
    func require(_ condition: Condition) -> Bool

    /// `require` for the step as a whole, however each of its runs ended (a crash included).
    func requireOfEveryEnd(_ condition: Condition) -> Bool

    /// Runs `body` with `value` as a number below `bound`; a value outside stops with `outside`.
    func pick(_ value: Value, below bound: Int, else outside: Stop, _ body: (Int) throws -> Void) throws

    /// Runs `body(k)` for the least `k` in `range` where `holds(k)`, or `otherwise()` when there
    /// is none.
    func first(
        in range: Range<Int>, where holds: (Int) -> Condition, _ body: (Int) throws -> Void,
        otherwise: () throws -> Void
    ) throws

    /// `for i in 0..<bound { guard condition(i) else { break }; body(i) }`, where `body` may also
    /// throw `Stop.breakLoop`; a run whose `condition(bound)` still holds after `bound` passes
    /// runs `exhausted()` (the unwinding check: it stops the run). A join in `body` names `i` in
    /// its key (see `whileLoop`).
    func loop(
        upTo bound: Int, while condition: (Int) -> Condition, _ body: (Int) throws -> Void,
        exhausted: () throws -> Void
    ) throws

    /// `for (i = 0; condition(i); i++) { head(); body(i); latch(); }`, unrolled at most `bound`
    /// times: a run whose `condition(i)` still holds after `bound` passes runs `exhausted()` (the
    /// unwinding check: it stops the run), and `body` may throw `Stop.breakLoop`.
    ///
    /// `head` or `latch` is the loop's join (`Kernel.join`), as the pass begins or as it ends.
    /// Unlike `loop`'s, the join names the loop, not the pass (`JoinKey`): the oracle counts the
    /// passes itself and carries the count across the join (`Carried.loops`). So a segment that
    /// starts at the join goes on from the count it installs, hands `body` that count, and tests
    /// the bound on it.
    func whileLoop(
        upTo bound: Int, while condition: (Value) -> Condition, head: () -> Void, _ body: (Value) throws -> Void,
        latch: () -> Void, exhausted: () throws -> Void
    ) throws

    /// `new` where the code running now is taken, `old` elsewhere: every write goes through here.
    func write(_ new: Value, over old: Value) -> Value

    /// Records that the code running now breaks a step property.
    func violate(_ property: BuiltInProperty)

    /// A point where the step's paths may join: the rest of the step depends on nothing but
    /// `state`, `carried` and `key`. The path explorer runs the rest once for all the paths that
    /// arrive with the same key, so that a step's paths add up across joins instead of
    /// multiplying; the segment engine cuts a step into segments here.
    func join(_ state: inout SlabState<Value>, carrying carried: inout Carried<Value>, at key: JoinKey)
}

extension Oracle {
    /// `if condition { then() }`.
    func when(_ condition: Condition, _ then: () throws -> Void) throws {
        try when(condition, then, else: {})
    }

    /// `local = value` inside an arm: the other arm keeps the old value.
    func assign(_ local: inout Value, _ value: Value) {
        local = write(value, over: local)
    }

    /// Stops the run with `crash` where `condition` fails.
    func ensure(_ condition: Condition, else crash: Crash) throws {
        try when(condition.negated) { throw Stop.crash(crash) }
    }

    /// `for (i = 0; i < n; i++) body(i);` over an array of `capacity` entries: no `i` past them.
    func forEach(below n: Value, capacity: Int, _ body: (Int) throws -> Void) throws {
        try loop(upTo: capacity, while: { i in Value(constant: i) < n }, body, exhausted: {})
    }
}

/// An oracle that follows one path per run: each condition is decided, true or false, and the
/// code after it runs once. Its control flow is Swift's own.
public protocol ForkingOracle: Oracle {
    /// Which way `condition` goes on this run.
    func decide(_ condition: Condition) -> Bool
    /// `value` as an index below `bound` on this run, or nil when it is outside.
    func index(of value: Value, below bound: Int) -> Int?
}

extension ForkingOracle {
    @inlinable public func when(_ condition: Condition, _ then: () throws -> Void, else otherwise: () throws -> Void)
        throws
    {
        if decide(condition) { try then() } else { try otherwise() }
    }

    @inlinable public func require(_ condition: Condition) -> Bool { decide(condition) }

    @inlinable public func requireOfEveryEnd(_ condition: Condition) -> Bool { decide(condition) }

    @inlinable public func pick(_ value: Value, below bound: Int, else outside: Stop, _ body: (Int) throws -> Void)
        throws
    {
        guard let k = index(of: value, below: bound) else { throw outside }
        try body(k)
    }

    @inlinable public func first(
        in range: Range<Int>, where holds: (Int) -> Condition, _ body: (Int) throws -> Void,
        otherwise: () throws -> Void
    ) throws {
        for k in range where decide(holds(k)) { return try body(k) }
        try otherwise()
    }

    @inlinable public func loop(
        upTo bound: Int, while condition: (Int) -> Condition, _ body: (Int) throws -> Void,
        exhausted: () throws -> Void
    ) throws {
        for i in 0..<bound {
            guard decide(condition(i)) else { return }
            do {
                try body(i)
            } catch Stop.breakLoop {
                return
            }
        }
        if decide(condition(bound)) { try exhausted() }
    }

    @inlinable public func whileLoop(
        upTo bound: Int, while condition: (Value) -> Condition, head: () -> Void, _ body: (Value) throws -> Void,
        latch: () -> Void, exhausted: () throws -> Void
    ) throws {
        try loop(
            upTo: bound, while: { i in condition(Value(constant: i)) },
            { i in
                head()
                try body(Value(constant: i))
                latch()
            }, exhausted: exhausted)
    }

    @inlinable public func write(_ new: Value, over old: Value) -> Value { new }

    @inlinable public func violate(_ property: BuiltInProperty) {}
}

/// The oracle of plain execution: a condition is already a `Bool`, a value already a number.
public struct ConcreteOracle: ForkingOracle {
    public init() {}

    @inlinable public func decide(_ condition: Bool) -> Bool { condition }

    @inlinable public func index(of value: Int, below bound: Int) -> Int? {
        (0..<bound).contains(value) ? value : nil
    }

    @inlinable public func join(_ state: inout SlabState<Int>, carrying carried: inout Carried<Int>, at key: JoinKey) {}
}
