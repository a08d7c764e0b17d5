import SlabModel
import SlabTrace

/// The first field in which two views of one step disagree.
public struct Difference: Hashable, Sendable, CustomStringConvertible {
    public var field: String
    /// The value on the reference side (the model, or the trace as recorded).
    public var expected: String
    /// The value on the other side (the real allocator, or the model re-run).
    public var actual: String

    public init(field: String, expected: String, actual: String) {
        self.field = field
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(field) model=\(expected) real=\(actual)" }
}

/// What one step looked like from one side: what it returned, the state it left, and the
/// properties it broke.
public struct StepView: Hashable, Sendable {
    public var returned: SlabTrace.Returned?
    public var state: Snapshot
    public var violated: [String]

    public init(returned: SlabTrace.Returned?, state: Snapshot, violated: [String]) {
        self.returned = returned
        self.state = state
        self.violated = violated
    }
}

extension StepView {
    /// The first field, in a fixed order (the stop first, then what the step returned, then the state
    /// field by field, then the broken properties), where `other` differs from `self`.
    public func firstDifference(from other: StepView) -> Difference? {
        var found: Difference?
        func check(_ field: String, _ a: String, _ b: String) {
            if found == nil, a != b { found = Difference(field: field, expected: a, actual: b) }
        }
        func show(_ r: SlabTrace.Returned?) -> String {
            switch r {
            case .object(let o): "object \(o)"
            case .null: "NULL"
            case nil: "nothing"
            }
        }
        let m = state
        let r = other.state
        check("crash", m.crash.isEmpty ? "none" : m.crash, r.crash.isEmpty ? "none" : r.crash)
        check("returned", show(returned), show(other.returned))
        for (name, a, b) in Self.stateFields(m, r) { check(name, a, b) }
        check("violated", "\(Set(violated).sorted())", "\(Set(other.violated).sorted())")
        return found
    }

    /// Every state field of `a` and `b` side by side, in a fixed order; a slab live on one side only
    /// shows as `dead` on the other.
    static func stateFields(_ a: Snapshot, _ b: Snapshot) -> [(String, String, String)] {
        var out: [(String, String, String)] = []
        func add(_ name: String, _ x: some CustomStringConvertible, _ y: some CustomStringConvertible) {
            out.append((name, x.description, y.description))
        }
        add("freeObjects", a.freeObjects, b.freeObjects)
        add("freeTouched", a.freeTouched, b.freeTouched)
        add("freeLimit", a.freeLimit, b.freeLimit)
        func arrays(_ name: String, _ x: Snapshot.ArrayCache?, _ y: Snapshot.ArrayCache?) {
            func f<T: CustomStringConvertible>(_ v: T?) -> String { v?.description ?? "absent" }
            add("\(name).avail", f(x?.avail), f(y?.avail))
            add("\(name).limit", f(x?.limit), f(y?.limit))
            add("\(name).batchcount", f(x?.batchcount), f(y?.batchcount))
            add("\(name).touched", f(x?.touched), f(y?.touched))
            add("\(name).entries", f(x?.entries), f(y?.entries))
        }
        for c in 0..<max(a.ac.count, b.ac.count) {
            arrays("ac[\(c)]", a.ac.indices.contains(c) ? a.ac[c] : nil, b.ac.indices.contains(c) ? b.ac[c] : nil)
        }
        arrays("shared", a.shared, b.shared)
        add("slabsPartial", a.slabsPartial, b.slabsPartial)
        add("slabsFull", a.slabsFull, b.slabsFull)
        add("slabsFree", a.slabsFree, b.slabsFree)
        let slotsA = Dictionary(a.slabs.map { ($0.slot, $0) }, uniquingKeysWith: { x, _ in x })
        let slotsB = Dictionary(b.slabs.map { ($0.slot, $0) }, uniquingKeysWith: { x, _ in x })
        for slot in Set(slotsA.keys).union(slotsB.keys).sorted() {
            let x = slotsA[slot]
            let y = slotsB[slot]
            add("slab[\(slot)]", x == nil ? "dead" : "live", y == nil ? "dead" : "live")
            add("slab[\(slot)].inuse", x.map { "\($0.inuse)" } ?? "dead", y.map { "\($0.inuse)" } ?? "dead")
            add("slab[\(slot)].freeList", x.map { "\($0.freeList)" } ?? "dead", y.map { "\($0.freeList)" } ?? "dead")
        }
        for t in 0..<max(a.tasks.count, b.tasks.count) {
            let x = a.tasks.indices.contains(t) ? a.tasks[t] : nil
            let y = b.tasks.indices.contains(t) ? b.tasks[t] : nil
            add("task[\(t)].status", x?.status ?? "absent", y?.status ?? "absent")
            add("task[\(t)].cpu", x.map { "\($0.cpu)" } ?? "absent", y.map { "\($0.cpu)" } ?? "absent")
        }
        add("held", a.held, b.held)
        return out
    }
}
