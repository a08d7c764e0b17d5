import ModelKit
import SlabModel
import TestSupport
import Testing
import Z3Kit

@testable import SymbolicChecker

/// A step cut into segments at the model's joins is still the step: from concrete states, the
/// segments run one after another (each from the join the one before stopped at, with the state
/// and carried values it stopped with) end where `SlabModel.step` ends, cell by cell, with the
/// same step properties broken, and stop at the joins the step passes, carrying what it carries
/// there (its loops' passes among them).
@Suite struct StepSegmentTests {
    /// What running `segments` one after another from `state` did: nil when the action is not
    /// enabled there.
    struct Chained {
        var cells: [Int]
        var broken: Set<BuiltInProperty>
        var segments: Int
        /// Each join a segment stopped at, with what it carried there.
        var joins: [Passed]
    }

    /// A join a run passed, and the values it carried on.
    struct Passed: Equatable, CustomStringConvertible {
        var key: JoinKey
        var carried: [Int]

        init(_ key: JoinKey, _ carried: Carried<Int>) {
            self.key = key.segmentKey
            self.carried = [carried.value, carried.passes, carried.pressureApplied] + carried.loops
        }

        var description: String { "\(key.place) carrying \(carried)" }
    }

    static func chain(_ segments: StepSegments, from state: SlabState<Int>) throws -> Chained? {
        let constants = { (s: SlabState<Int>) in SlabState(cells: s.cells.map { CircuitValue.constant($0) }) }
        guard var segment = try segments.fromStart(constants(state)) else { return nil }
        var broken: Set<BuiltInProperty> = []
        var count = 1
        var joins: [Passed] = []
        while true {
            for (property, condition) in segment.violated where condition.constantValue == true {
                broken.insert(property)
            }
            let live = segment.cuts.filter { $0.guardCondition.constantValue == true }
            guard let cut = live.first else { break }
            #expect(live.count == 1, "one concrete run stops at one join")
            #expect(segment.enabled.constantValue == false, "a run that stops at a join does not end there")
            let carried = cut.carried.map { $0.constantValue ?? Int.min }
            joins.append(Passed(cut.key, carried))
            segment = try segments.from(cut.key, state: cut.state, carrying: cut.carried)
            count += 1
        }
        guard segment.enabled.constantValue == true else { return nil }
        let cells = segment.state.cells.map { $0.constantValue }
        #expect(!cells.contains(nil), "a run from constants ends in constants")
        return Chained(cells: cells.map { $0 ?? Int.min }, broken: broken, segments: count, joins: joins)
    }

    /// Every disagreement between the chained segments and the step function over `states`, and
    /// how many runs went through more than one segment.
    static func disagreements(_ model: SlabModel, _ states: [SlabState<Int>]) throws -> (found: [String], cut: Int) {
        let context = try Context()
        let system = try TransitionSystem(model: model, context: context)
        let carried = try system.carriedVariables()
        var found: [String] = []
        var cut = 0
        for action in system.actions {
            let segments = try StepSegments(action, system: system, carried: carried, deadline: .none)
            for state in states {
                let expected = model.step(action, from: state)
                let chained = try chain(segments, from: state)
                let at = "\(action) from \(state.cells)"
                guard let chained, let expected else {
                    if (chained == nil) != (expected == nil) {
                        found.append("\(at): segments enabled \(chained != nil), step \(expected != nil)")
                    }
                    continue
                }
                if chained.segments > 1 { cut += 1 }
                let passed = JoinRecorder.joins(of: action, from: state, in: model).map { Passed($0.key, $0.carried) }
                if chained.joins != passed {
                    found.append("\(at): segments stop at \(chained.joins), the step passes \(passed)")
                }
                if chained.cells != expected.state.cells {
                    found.append("\(at): segments end in \(chained.cells), step in \(expected.state.cells)")
                }
                let stepBroken = Set(BuiltInProperty.allCases.filter { expected.violations.contains($0.set) })
                if chained.broken != stepBroken {
                    found.append("\(at): segments break \(chained.broken), step \(stepBroken)")
                }
            }
        }
        return (found, cut)
    }

    @Test(arguments: [("tiny", Configs.tiny, 6), ("small", Configs.small, 4), ("medium", Configs.medium, 3)])
    func segmentsRunOneAfterAnotherAreTheStepFunction(name: String, configuration: Configuration, runs: Int) throws {
        let model = SlabModel(configuration: configuration, variant: .seed)
        let states = sampledStates(model, runs: runs, length: 12, seed: 33)
        let (found, cut) = try Self.disagreements(model, states)
        #expect(found.isEmpty, "\(name): \(found.count) disagreements, first \(found.prefix(3))")
        #expect(cut > 0, "\(name): some sampled step goes through a join")
    }

    /// The mutants' own paths (a wild object, an overrun, a stale `ac`, interrupts left on) are
    /// cut and resumed the same way.
    @Test(arguments: Variant.allCases.filter { $0 != .seed })
    func everyMutantsSegmentsAreItsStepFunction(variant: Variant) throws {
        let configuration = variant == .overrunSlab ? Configs.overrun : Configs.small
        let model = SlabModel(configuration: configuration, variant: variant)
        let states = sampledStates(model, runs: 3, length: 12, seed: 34)
        let (found, _) = try Self.disagreements(model, states)
        #expect(found.isEmpty, "\(variant): \(found.count) disagreements, first \(found.prefix(3))")
    }
}
