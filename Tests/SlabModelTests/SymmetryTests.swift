import ExplicitChecker
import ModelKit
import SlabModel
import Testing

/// Symmetry reduction stores one state per class of states that differ only in names of the kinds
/// asked for (tasks, CPUs with their tasks, slab slots, the objects of one slab). It is sound
/// exactly when a state and its stored representative are bisimilar: same properties, and
/// successors that fall into the same classes. These tests check that directly, on every
/// reachable state, for every kind alone and all together, not only on the verdicts.
@Suite struct SymmetryTests {
    /// Symmetry reduction must not change what is found, only how many states it takes: every
    /// mutant breaks the same properties at the same shortest depth with and without it.
    @Test(arguments: Variant.allCases)
    func symmetryReductionFindsTheSameViolationsAtTheSameDepths(variant: Variant) throws {
        let reduced = try explore(tiny, variant, symmetry: .all, maxDepth: 8)
        let plain = try explore(tiny, variant, symmetry: .none, maxDepth: 8)
        let depths = { (r: ExplicitResult<SlabModel>) in r.counterexamples.mapValues(\.steps.count) }
        #expect(depths(reduced) == depths(plain))
        #expect(reduced.statistics.distinctStates <= plain.statistics.distinctStates)
    }

    /// Renaming CPUs and slots alone stores about a quarter of small's states; renaming the
    /// objects within each slab as well takes that below a fifth (5,831 against 42,396 at depth 10).
    @Test func symmetryReductionMergesStatesThatDifferOnlyInNames() throws {
        let reduced = try explore(small, .seed, symmetry: .all, maxDepth: 10)
        let plain = try explore(small, .seed, symmetry: .none, maxDepth: 10)
        #expect(reduced.statistics.distinctStates * 5 < plain.statistics.distinctStates)
    }

    /// Each kind of name renamed alone merges states, and less than all kinds together: each is a
    /// reduction of its own, so a property that names one kind still gets the others.
    @Test(arguments: [Symmetry.tasks, .cpus, .slots, .objects])
    func eachKindOfNameAloneMergesSomeStates(kind: Symmetry) throws {
        let all = try explore(small, .seed, symmetry: .all, maxDepth: 6).statistics.distinctStates
        let one = try explore(small, .seed, symmetry: kind, maxDepth: 6).statistics.distinctStates
        let plain = try explore(small, .seed, symmetry: .none, maxDepth: 6).statistics.distinctStates
        #expect(one < plain)
        #expect(one > all)
    }

    /// Without symmetry no name is changed: two states that differ only in which task sleeps on
    /// which CPU are two states, and become one only when tasks may be renamed.
    @Test func withoutSymmetryTwoStatesThatDifferOnlyInTheirTasksStayTwo() {
        let model = SlabModel(configuration: small, variant: .seed)
        var a = SlabState<Int>.initial(model.layout)
        a[model.layout.task(0).status] = TaskStatus.sleepingInGrow.rawValue
        var b = SlabState<Int>.initial(model.layout)
        b[model.layout.task(1).status] = TaskStatus.sleepingInGrow.rawValue
        (b[model.layout.task(0).cpu], b[model.layout.task(1).cpu]) = (1, 0)
        func words(_ s: SlabState<Int>, _ symmetry: Symmetry) -> [UInt64] {
            var words = [UInt64](repeating: 0, count: model.wordCount)
            words.withUnsafeMutableBufferPointer { model.encode(s, symmetry: symmetry, into: $0) }
            return words
        }
        #expect(words(a, .none) != words(b, .none))
        #expect(words(a, .cpus) != words(b, .cpus))
        #expect(words(a, .tasks) == words(b, .tasks))
    }

    /// The representative of each reachable state breaks the same properties, and its successors
    /// (with what each step broke) fall into the very classes the state's own successors fall
    /// into. Run for every variant, since mutants reach malformed lists, stale `ac` pointers and
    /// interrupts-on tails, where the canonical form takes its fallbacks.
    @Test(arguments: Variant.allCases)
    func everyReachableStateIsBisimilarToItsRepresentative(variant: Variant) throws {
        let model = SlabModel(configuration: tiny, variant: variant)
        try checkBisimilarity(model, symmetry: .all, maxDepth: 8)
    }

    /// Two CPUs, two tasks and migration, with each kind renamed alone and all together; with
    /// `stale-ac` and `grow-fail-irqs-on` too, where tasks hold pointers to CPUs' arrays.
    @Test(arguments: [Variant.seed, .staleAc, .growFailIrqsOn], [Symmetry.all, .tasks, .cpus, .slots, .objects])
    func twoCpusWithMigrationAreBisimilarToTheirRepresentatives(variant: Variant, kinds: Symmetry) throws {
        try checkBisimilarity(SlabModel(configuration: small, variant: variant), symmetry: kinds, maxDepth: 5)
    }

    private func checkBisimilarity(
        _ model: SlabModel, symmetry: Symmetry, maxDepth: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        func canonical(_ s: SlabState<Int>) -> [UInt64] {
            var words = [UInt64](repeating: 0, count: model.wordCount)
            words.withUnsafeMutableBufferPointer { model.encode(s, symmetry: symmetry, into: $0) }
            return words
        }
        func classes(of s: SlabState<Int>) -> Set<[UInt64]> {
            var successors: [(action: SlabAction, successor: Successor<SlabState<Int>>)] = []
            model.successors(of: s, into: &successors)
            return Set(successors.map { canonical($0.successor.state) + [$0.successor.violations.rawValue] })
        }
        var level = [SlabState<Int>.initial(model.layout)]
        var seen = Set<[Int]>()
        var checked = 0
        for _ in 0...maxDepth {
            var next: [SlabState<Int>] = []
            for state in level where seen.insert(model.normalized(state).cells).inserted {
                let words = canonical(state)
                let representative = words.withUnsafeBufferPointer(model.decode)
                #expect(canonical(representative) == words, "not idempotent", sourceLocation: sourceLocation)
                #expect(
                    model.violations(in: representative) == model.violations(in: state)
                        && model.isTerminal(representative) == model.isTerminal(state),
                    "properties differ", sourceLocation: sourceLocation)
                #expect(
                    classes(of: representative) == classes(of: state), "successors differ",
                    sourceLocation: sourceLocation)
                checked += 1
                var successors: [(action: SlabAction, successor: Successor<SlabState<Int>>)] = []
                model.successors(of: state, into: &successors)
                next += successors.map(\.successor.state)
            }
            level = next
        }
        #expect(checked > 20, sourceLocation: sourceLocation)
    }
}
