import ModelKit

/// A number the model computes with: an `Int` when exploring states, a solver term when encoding
/// them for Z3.
///
/// The refill and its surroundings are written once, over this protocol, so the symbolic engine
/// derives its transition relation from the very code the explicit engine runs: there is no second
/// copy of the refill to drift. Conditions stay abstract (`Condition`) because a symbolic comparison
/// is a formula, not a `Bool`; turning one into control flow is the `Oracle`'s job.
public protocol ModelValue: ExpressibleByIntegerLiteral where IntegerLiteralType == Int {
    associatedtype Condition: ModelCondition

    init(constant: Int)

    /// The value when it is a known number (always, concretely); nil for a symbolic term.
    var constantValue: Int? { get }

    /// `condition ? a : b` without control flow, so that a property can be encoded as one
    /// formula instead of a branch per case.
    static func select(_ condition: Condition, _ a: Self, _ b: Self) -> Self

    static func + (l: Self, r: Self) -> Self
    static func - (l: Self, r: Self) -> Self
    static func * (l: Self, r: Self) -> Self
    /// C's `/` on non-negative operands (truncating).
    static func / (l: Self, r: Self) -> Self

    static func < (l: Self, r: Self) -> Condition
    static func <= (l: Self, r: Self) -> Condition
    static func > (l: Self, r: Self) -> Condition
    static func >= (l: Self, r: Self) -> Condition
    static func == (l: Self, r: Self) -> Condition
    static func != (l: Self, r: Self) -> Condition

    /// `l > r` as C compares an `unsigned long` (`free_objects > free_limit`): a wrapped, "negative"
    /// count is huge, not small.
    static func unsignedGreater(_ l: Self, _ r: Self) -> Condition

    /// `cells[base + index]`, for an index the caller has already checked is in `0..<count`.
    static func load(_ cells: [Self], base: Int, count: Int, at index: Self) -> Self
    /// `cells[base + index] = value`, for an index the caller has already checked.
    static func store(_ value: Self, into cells: inout [Self], base: Int, count: Int, at index: Self)
}

/// A condition the properties combine without branching: `Bool` concretely, a formula symbolically.
public protocol ModelCondition {
    init(constant: Bool)
    /// The truth value when it is known (always, concretely); nil for a symbolic formula.
    var constantValue: Bool? { get }
    func and(_ other: Self) -> Self
    func or(_ other: Self) -> Self
    var negated: Self { get }
}

extension Bool: ModelCondition {
    @inlinable public init(constant: Bool) { self = constant }
    @inlinable public var constantValue: Bool? { self }
    @inlinable public func and(_ other: Bool) -> Bool { self && other }
    @inlinable public func or(_ other: Bool) -> Bool { self || other }
    @inlinable public var negated: Bool { !self }
}

/// Where in a step a join is, and the step's context there: paths join only with equal keys.
public struct JoinKey: Hashable, Sendable {
    /// Besides the fields here, a join's rest of the step may depend on what the action fixes (its
    /// task, CPU, object, whether it runs in an interrupt), never on a value a path computed.
    public enum Place: Hashable, Sendable {
        /// `cache_reap` after draining this CPU's array, or after the shared array.
        case reapAfterDrain(shared: Bool)
        /// `free_block` after an object from `array` (a step frees each array at most once, so
        /// the array names the call, on every path alike). Which object, `Carried.loops` says.
        case freeBlock(array: ArrayCacheRef)
        /// The head of the refill's batch loop, as a pass begins (the test passed), filling
        /// `array`, after `retries` `goto retry`s. Which pass it is, `Carried.loops` says.
        case batchLoop(array: ArrayCacheRef, retries: Int)
        /// The head of `takeObjects`' loop, as an iteration begins, taking from the slab in
        /// `slot`. Which pass of the batch loop and which iteration, `Carried.loops` says.
        case takeObjects(array: ArrayCacheRef, retries: Int, slot: Int)
    }

    /// The most `Oracle.whileLoop`s open at any join: the batch loop, and `takeObjects`' inside it.
    public static let deepestLoops = 2

    public var place: Place
    public var cpu: Int
    public var irqsOn: Bool
    /// The step properties broken before the join: an outcome of the step, not an input of its rest.
    public var violations: PropertySet
    /// Whether the step has already set what it returns (which the rest then depends on).
    public var afterReturn: Bool

    public init(place: Place, cpu: Int, irqsOn: Bool, violations: PropertySet, afterReturn: Bool) {
        self.place = place
        self.cpu = cpu
        self.irqsOn = irqsOn
        self.violations = violations
        self.afterReturn = afterReturn
    }
}

/// The values the rest of a step reads past a join, besides the state and the key: the caller's
/// local, and the two the kernel keeps for the whole step.
public struct Carried<V> {
    /// The local the caller hands over (a loop's `batchcount`, `free_block`'s `nr_objects`).
    public var value: V
    /// `Kernel.passes`, which `refill-terminates` counts.
    public var passes: V
    /// `Kernel.pressureApplied`.
    public var pressureApplied: V
    /// The pass each `Oracle.whileLoop` open at the join is in, counting from 0, outermost
    /// first. The oracle runs the loops, so the oracle fills these in: the model's code sees a
    /// loop's count as the loop hands it to the body, and the invariants at the joins see them here.
    public var loops: [V]

    public init(value: V, passes: V, pressureApplied: V, loops: [V] = []) {
        self.value = value
        self.passes = passes
        self.pressureApplied = pressureApplied
        self.loops = loops
    }

    public func map<W, E: Error>(_ transform: (V) throws(E) -> W) throws(E) -> Carried<W> {
        Carried<W>(
            value: try transform(value), passes: try transform(passes), pressureApplied: try transform(pressureApplied),
            loops: try loops.map(transform))
    }
}

extension Int: ModelValue {
    public typealias Condition = Bool

    @inlinable public init(constant: Int) { self = constant }

    @inlinable public var constantValue: Int? { self }

    @inlinable public static func select(_ condition: Bool, _ a: Int, _ b: Int) -> Int { condition ? a : b }

    @inlinable public static func unsignedGreater(_ l: Int, _ r: Int) -> Bool {
        UInt64(bitPattern: Int64(l)) > UInt64(bitPattern: Int64(r))
    }

    /// Out of range (only in a state a mutant has corrupted) it reads -1, which is no object.
    @inlinable public static func load(_ cells: [Int], base: Int, count: Int, at index: Int) -> Int {
        (0..<count).contains(index) ? cells[base + index] : -1
    }

    /// Out of range it writes nothing: callers check first, and memory past an array is not modelled.
    @inlinable public static func store(_ value: Int, into cells: inout [Int], base: Int, count: Int, at index: Int) {
        if (0..<count).contains(index) { cells[base + index] = value }
    }
}
