import ModelKit

/// The SLAB refill model as the checkers see it: one configuration, one refill variant.
public struct SlabModel: CompactModel {
    public typealias State = SlabState<Int>
    public typealias Action = SlabAction

    public let layout: Layout
    public let variant: Variant
    public let properties: SlabProperties
    public let codec: StateCodec
    let canonicalizer: Canonicalizer
    /// Every action that could be enabled in some state; `actions(in:)` keeps the enabled ones,
    /// and a symbolic engine guards each with the step's own enabling condition.
    public let possibleActions: [SlabAction]

    public init(configuration: Configuration, variant: Variant) {
        layout = Layout(configuration)
        self.variant = variant
        properties = SlabProperties(layout: layout)
        codec = StateCodec(layout: layout)
        canonicalizer = Canonicalizer(layout: layout, variant: variant)
        possibleActions = SlabModel.possibleActions(layout.config, objects: layout.objects)
    }

    public var configuration: Configuration { layout.config }

    public var propertyNames: [String] { BuiltInProperty.allCases.map(\.rawValue) }

    public var coverageNames: [String] { Branch.allCases.map(\.rawValue) }

    public var wordCount: Int { codec.wordCount }

    public func initialStates() -> [State] { [.initial(layout)] }

    public func actions(in state: State, into actions: inout [SlabAction]) {
        for action in possibleActions where isEnabled(action, in: state) { actions.append(action) }
    }

    /// The enabled actions, decided by running the step function itself.
    public func isEnabled(_ action: SlabAction, in state: State) -> Bool {
        slabStep(action, from: state, layout: layout, variant: variant, oracle: ConcreteOracle()) != nil
    }

    /// The step, or nil when `action` is not enabled in `state`.
    public func step(_ action: SlabAction, from state: State) -> StepOutcome<Int>? {
        guard var outcome = slabStep(action, from: state, layout: layout, variant: variant, oracle: ConcreteOracle())
        else {
            return nil
        }
        codec.stopIfCorrupt(&outcome.state, crash: layout.crash)
        return outcome
    }

    public func successor(of state: State, via action: SlabAction) -> Successor<State> {
        guard let outcome = step(action, from: state) else { return Successor(state: state) }
        return Successor(state: outcome.state, violations: outcome.violations, coverage: outcome.coverage)
    }

    public func successors(of state: State, into successors: inout [(action: SlabAction, successor: Successor<State>)])
    {
        guard !isTerminal(state) else { return }
        for action in possibleActions {
            // Only a shortcut: the step itself refuses to free an object nobody holds.
            if case .free(_, let o) = action, state[layout.held(o)] == 0 { continue }
            if case .irqFree(_, let o) = action, state[layout.held(o)] == 0 { continue }
            if let outcome = step(action, from: state) {
                successors.append(
                    (
                        action,
                        Successor(state: outcome.state, violations: outcome.violations, coverage: outcome.coverage)
                    ))
            }
        }
    }

    public func violations(in state: State) -> PropertySet { properties.violations(in: state) }

    public func isTerminal(_ state: State) -> Bool { state[layout.crash] != 0 }

    public func encode(_ state: State, symmetry: Symmetry, into words: UnsafeMutableBufferPointer<UInt64>) {
        let c = canonicalizer
        let pages = layout.config.pages
        state.cells.withUnsafeBufferPointer { cells in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: pages) { chains in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: pages) { rename in
                    c.chainMasks(cells, into: chains)
                    if !symmetry.contains(.slots) {
                        for slot in 0..<pages { rename[slot] = slot }
                        pack(cells, chains, rename, symmetry: symmetry, into: words, first: true)
                    } else if c.slotRenaming(cells, into: rename) {
                        pack(cells, chains, rename, symmetry: symmetry, into: words, first: true)
                    } else if c.slotPermutations.isEmpty {
                        for slot in 0..<pages { rename[slot] = slot }
                        pack(cells, chains, rename, symmetry: symmetry, into: words, first: true)
                    } else {
                        for (k, perm) in c.slotPermutations.enumerated() {
                            for slot in 0..<pages { rename[slot] = perm[slot] }
                            pack(cells, chains, rename, symmetry: symmetry, into: words, first: k == 0)
                        }
                    }
                }
            }
        }
    }

    /// Packs `cells` with slots renamed by `rename`, CPUs in canonical order where `symmetry`
    /// renames them, into `words`, or, unless `first`, only if that packs less than what `words`
    /// holds.
    private func pack(
        _ cells: UnsafeBufferPointer<Int>, _ chains: UnsafeMutableBufferPointer<UInt64>,
        _ rename: UnsafeMutableBufferPointer<Int>, symmetry: Symmetry, into words: UnsafeMutableBufferPointer<UInt64>,
        first: Bool
    ) {
        let c = canonicalizer
        let chains = UnsafeBufferPointer(chains)
        let renamed = UnsafeBufferPointer(rename)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: layout.cellCount + layout.objects) { scratch in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words.count) { candidate in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: layout.config.cpus) { order in
                    let out = UnsafeMutableBufferPointer(rebasing: scratch[0..<layout.cellCount])
                    let names = UnsafeMutableBufferPointer(rebasing: scratch[layout.cellCount...])
                    func offer(_ perm: UnsafeBufferPointer<Int>, first: Bool) {
                        c.objectNames(
                            cells, slots: renamed, cpus: perm, symmetric: symmetry.contains(.objects), into: names)
                        c.write(
                            cells, chains: chains, slots: renamed, objects: UnsafeBufferPointer(names), cpus: perm,
                            sortingTasks: symmetry.contains(.tasks), into: out)
                        codec.pack(UnsafeBufferPointer(out), into: candidate)
                        if first || candidate.lexicographicallyPrecedes(words) {
                            for i in words.indices { words[i] = candidate[i] }
                        }
                    }
                    if !symmetry.contains(.cpus) {
                        for cpu in order.indices { order[cpu] = cpu }
                        offer(UnsafeBufferPointer(order), first: first)
                    } else if c.cpuOrder(cells, slots: renamed, symmetry: symmetry, into: order) {
                        offer(UnsafeBufferPointer(order), first: first)
                    } else {
                        for (k, perm) in c.cpuPermutations.enumerated() {
                            perm.withUnsafeBufferPointer { offer($0, first: first && k == 0) }
                        }
                    }
                }
            }
        }
    }

    /// `state` with every don't-care cell (the model's canonical state) zeroed: two states are one
    /// state exactly when their normalised forms are equal.
    public func normalized(_ state: State) -> State {
        var words = [UInt64](repeating: 0, count: wordCount)
        words.withUnsafeMutableBufferPointer { encode(state, symmetry: .none, into: $0) }
        return words.withUnsafeBufferPointer(decode)
    }

    public func isSameState(_ a: State, _ b: State) -> Bool { a.cells == b.cells }

    public func decode(_ words: UnsafeBufferPointer<UInt64>) -> State {
        SlabState(cells: codec.unpack(words, cellCount: layout.cellCount))
    }

    static func possibleActions(_ c: Configuration, objects: Int) -> [SlabAction] {
        var all: [SlabAction] = []
        for t in 0..<c.tasks {
            all.append(.alloc(task: t))
            all.append(.growDone(task: t, ok: true))
            all.append(.growDone(task: t, ok: false))
            all.append(.resume(task: t))
            for o in 0..<objects { all.append(.free(task: t, object: o)) }
            for cpu in 0..<c.cpus { all.append(.migrate(task: t, cpu: cpu)) }
        }
        for cpu in 0..<c.cpus {
            all.append(.irqAlloc(cpu: cpu, growFails: false))
            if c.growMayFail { all.append(.irqAlloc(cpu: cpu, growFails: true)) }
            for o in 0..<objects { all.append(.irqFree(cpu: cpu, object: o)) }
            all.append(.reap(cpu: cpu, full: false))
            all.append(.reap(cpu: cpu, full: true))
        }
        for k in c.tuning.indices { all.append(.tune(k)) }
        return all
    }
}

/// The kinds of names the SLAB model can rename (see `Canonicalizer` for why each is sound).
extension Symmetry {
    /// Process contexts: which task sleeps where.
    public static let tasks = Symmetry(rawValue: 1 << 0)
    /// CPUs, with their arrays and the tasks on them.
    public static let cpus = Symmetry(rawValue: 1 << 1)
    /// Slab slots, with their objects.
    public static let slots = Symmetry(rawValue: 1 << 2)
    /// The objects within one live slab.
    public static let objects = Symmetry(rawValue: 1 << 3)

    /// The SLAB model's kinds in this set, by name, for reports.
    public var kindNames: [String] {
        [(Symmetry.tasks, "tasks"), (.cpus, "cpus"), (.slots, "slots"), (.objects, "objects")]
            .filter { contains($0.0) }.map(\.1)
    }
}
