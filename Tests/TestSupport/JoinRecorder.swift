import SlabModel

/// Plain execution that counts its `whileLoop`s' passes itself and records each join a step
/// passes, with the state and the values carried there: what the symbolic engines' joins must
/// reproduce, and where the joins' invariants must hold.
public final class JoinRecorder: ForkingOracle {
    /// A join a run passed.
    public struct Passed {
        public var key: JoinKey
        public var state: SlabState<Int>
        /// What the join carries, the loops' passes filled in.
        public var carried: Carried<Int>
    }

    public private(set) var joins: [Passed] = []
    private var passes: [Int] = []

    public init() {}

    public func decide(_ condition: Bool) -> Bool { condition }

    public func index(of value: Int, below bound: Int) -> Int? { (0..<bound).contains(value) ? value : nil }

    public func whileLoop(
        upTo bound: Int, while condition: (Int) -> Bool, head: () -> Void, _ body: (Int) throws -> Void,
        latch: () -> Void, exhausted: () throws -> Void
    ) throws {
        passes.append(0)
        defer { passes.removeLast() }
        try loop(
            upTo: bound, while: condition,
            { i in
                passes[passes.count - 1] = i
                head()
                try body(i)
                latch()
            }, exhausted: exhausted)
    }

    public func join(_ state: inout SlabState<Int>, carrying carried: inout Carried<Int>, at key: JoinKey) {
        var passed = carried
        passed.loops = passes
        joins.append(Passed(key: key, state: state, carried: passed))
    }

    /// The joins `action`'s step from `state` passes under `model`.
    public static func joins(of action: SlabAction, from state: SlabState<Int>, in model: SlabModel) -> [Passed] {
        let recorder = JoinRecorder()
        _ = slabStep(action, from: state, layout: model.layout, variant: model.variant, oracle: recorder)
        return recorder.joins
    }
}
