import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

/// A path's outcome ranges are what the path implies, not what interval arithmetic over the box
/// gives: the next box is built from them, and each value a box holds that no state takes brings
/// paths that the rounds after it explore and Z3 must refute.
@Suite struct PathKnowledgeTests {
    /// An interrupt's allocation from `avail` in 0...2 hands out `entries[--avail]` only on the
    /// paths that found `avail > 0`, so `avail` ends in 0...1 there (each path reads its entry at a
    /// known index, so it knows `avail` exactly). Interval arithmetic alone gives the decrement
    /// -1...1.
    @Test func aHandOutLeavesAvailInTheRangeItsTestAllows() throws {
        let context = try Context()
        let model = SlabModel(configuration: Configs.small, variant: .seed)
        let layout = model.layout
        let ac = layout.ac(0)
        var state = constantInitialState(layout)
        state.cells[ac.avail] = SymbolicValue(variable: try context.bitVectorConstant("avail", width: 8), range: 0...2)
        for i in 0..<ac.capacity { state.cells[ac.entries + i] = .constant(i) }
        let explorer = PathExplorer(context: context, pathLimit: 100, width: 8, deadline: .none)
        let paths = try explorer.paths(
            of: .irqAlloc(cpu: 0, growFails: false), from: state, layout: layout, variant: .seed)
        let handOuts = paths.compactMap(\.outcome).filter { $0.state.cells[ac.avail].constantValue == nil }
        #expect(!handOuts.isEmpty)
        for outcome in handOuts {
            let avail = outcome.state.cells[ac.avail].range
            #expect(avail.lowerBound >= 0 && avail.upperBound <= 1, "avail ends in \(avail)")
        }
    }

    /// The branch of an `ite` that the path decided is the value's whole range.
    @Test func aChoiceThePathDecidedHasTheRangeOfItsBranch() throws {
        let context = try Context()
        let x = try context.bitVectorConstant("x", width: 8)
        let value = SymbolicValue(variable: x, range: 0...9)
        let small = value < .constant(3)
        let choice = SymbolicValue.select(small, .constant(7), value)
        #expect(choice.range == 0...9)
        guard case .formula(let base, let positive, _) = small else {
            Issue.record("x < 3 is not a formula: \(small)")
            return
        }
        var took = PathKnowledge(facts: [:], decided: [base: positive])
        #expect(took.range(of: choice) == 7...7)
        var didNot = PathKnowledge(facts: [x: Fact(range: 3...9)], decided: [:])
        #expect(didNot.range(of: choice) == 3...9)
        var neither = PathKnowledge(facts: [:], decided: [:])
        #expect(neither.range(of: choice) == 0...9)
    }
}
