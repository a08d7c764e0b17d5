import SlabModel
import Synchronization

// The Swift spelling of the property vocabulary. Each builder makes the syntax tree the spec
// syntax makes, so `forAll(.objects) { o in held[o] <= 1 }` and `forall o in objects: held[o] <= 1`
// are one property.

public let freeObjects = Quantity.global(.freeObjects)
public let freeTouched = Quantity.global(.freeTouched)
public let freeLimit = Quantity.global(.freeLimit)

public let cpus = Quantity.constant(.cpus)
public let num = Quantity.constant(.num)
public let pages = Quantity.constant(.pages)
public let objects = Quantity.constant(.objects)

/// `ac[c]`: CPU `c`'s `array_cache`.
public let ac = ArrayCaches()
/// `l3->shared`.
public let shared = ArrayAccess(selector: .shared)
/// `held[o]`: how many callers hold object `o`.
public let held = HeldCounts()
/// `task[t]`.
public let task = Tasks()
/// The step a step property judges.
public let step = StepAccess()

public struct ArrayCaches: Sendable {
    public subscript(cpu: Quantity) -> ArrayAccess { ArrayAccess(selector: .cpu(cpu)) }
}

public struct ArrayAccess: Sendable {
    public let selector: ArraySelector
    public var avail: Quantity { .array(selector, .avail) }
    public var limit: Quantity { .array(selector, .limit) }
    public var batchcount: Quantity { .array(selector, .batchcount) }
    public var touched: Quantity { .array(selector, .touched) }
    public var entries: Entries { Entries(selector: selector) }

    public struct Entries: Sendable {
        let selector: ArraySelector
        public subscript(index: Quantity) -> Quantity { .entry(selector, index) }
    }
}

public struct HeldCounts: Sendable {
    public subscript(object: Quantity) -> Quantity { .held(object) }
}

public struct Tasks: Sendable {
    public subscript(t: Quantity) -> TaskAccess { TaskAccess(task: t) }
}

public struct TaskAccess: Sendable {
    let task: Quantity
    public var status: Quantity { .task(task, .status) }
    public var cpu: Quantity { .task(task, .cpu) }
}

public struct StepAccess: Sendable {
    /// The step is one of `names` (`alloc`, `growDone`, `free`, `irqAlloc`, `irqFree`, `migrate`,
    /// `reap`, `tune`, `resume`).
    public func `is`(_ names: String...) -> Formula { .stepIs(names) }
    public var cpu: Quantity { .stepArgument("cpu") }
    public var task: Quantity { .stepArgument("task") }
    public var object: Quantity { .stepArgument("object") }
    public var ok: Quantity { .stepArgument("ok") }
    public var growFails: Quantity { .stepArgument("growFails") }
    public var full: Quantity { .stepArgument("full") }
}

/// A slab slot's fields, for a quantity that names a slot.
extension Quantity {
    public var inuse: Quantity { .slab(self, .inuse) }
    public var live: Quantity { .slab(self, .live) }
    public var free: Quantity { .slab(self, .free) }
    public var isLive: Formula { .slab(self, .live) != 0 }

    /// The slot is on `list`.
    public func isOn(_ list: SlabList) -> Formula { .onList(self, list) }
    /// The object is among the array's `entries[0..<avail]`.
    public func isOn(_ array: ArrayAccess) -> Formula { .onArray(self, array.selector) }
}

/// Names for bound variables, unique within a process, so nested builders never capture each
/// other's variables.
private let variableCounter = Atomic<Int>(0)

func freshVariable(_ domain: Domain) -> String {
    "\(domain.rawValue)#\(variableCounter.add(1, ordering: .relaxed).newValue)"
}

public func forAll(_ domain: Domain, _ body: (Quantity) -> Formula) -> Formula {
    let name = freshVariable(domain)
    return .forAll(Binding(name, in: domain), body(.variable(name)))
}

public func exists(_ domain: Domain, _ body: (Quantity) -> Formula) -> Formula {
    let name = freshVariable(domain)
    return .exists(Binding(name, in: domain), body(.variable(name)))
}

/// `Σ body` over the domain, where `filter` holds.
public func sum(
    _ domain: Domain, where filter: (Quantity) -> Formula = { _ in .literal(true) }, _ body: (Quantity) -> Quantity
) -> Quantity {
    let name = freshVariable(domain)
    return .sum(Binding(name, in: domain), filter(.variable(name)), body(.variable(name)))
}

/// How many members of the domain satisfy `filter`.
public func count(_ domain: Domain, where filter: (Quantity) -> Formula) -> Quantity {
    sum(domain, where: filter) { _ in 1 }
}

/// The value before the step.
public func old(_ q: Quantity) -> Quantity { .old(q) }
/// The condition before the step.
public func old(_ f: Formula) -> Formula { .old(f) }

extension Quantity {
    public static func + (l: Quantity, r: Quantity) -> Quantity { .arithmetic(.add, l, r) }
    public static func - (l: Quantity, r: Quantity) -> Quantity { .arithmetic(.subtract, l, r) }
    public static func * (l: Quantity, r: Quantity) -> Quantity { .arithmetic(.multiply, l, r) }
    public static func / (l: Quantity, r: Quantity) -> Quantity { .arithmetic(.divide, l, r) }

    public static func < (l: Quantity, r: Quantity) -> Formula { .comparison(.less, l, r) }
    public static func <= (l: Quantity, r: Quantity) -> Formula { .comparison(.lessOrEqual, l, r) }
    public static func > (l: Quantity, r: Quantity) -> Formula { .comparison(.greater, l, r) }
    public static func >= (l: Quantity, r: Quantity) -> Formula { .comparison(.greaterOrEqual, l, r) }
    public static func == (l: Quantity, r: Quantity) -> Formula { .comparison(.equal, l, r) }
    public static func != (l: Quantity, r: Quantity) -> Formula { .comparison(.notEqual, l, r) }
}

infix operator ==> : LogicalDisjunctionPrecedence

extension Formula: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .literal(value) }

    public static func && (l: Formula, r: Formula) -> Formula { .and(l, r) }
    public static func || (l: Formula, r: Formula) -> Formula { .or(l, r) }
    public static prefix func ! (f: Formula) -> Formula { .not(f) }
    /// Implication: `a ==> b`.
    public static func ==> (l: Formula, r: Formula) -> Formula { .implies(l, r) }
}
