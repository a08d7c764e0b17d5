import ModelKit
import SlabModel
import TestSupport
import Testing
import Z3Kit

@testable import SymbolicChecker

/// The merged circuit is the model's step function, not an approximation of it: from concrete
/// states, its successors are exactly `SlabModel.step`'s, action by action, cell by cell, with the
/// same step properties broken.
@Suite struct CircuitTests {
    /// Every disagreement between the circuit and the step function over `states`.
    ///
    /// The circuit's roots go into one bit-vector (enabled, each cell, each step property), so
    /// that putting a state in costs one pass over the circuit: substituting each root apart would
    /// walk the shared sub-terms once per root.
    static func disagreements(_ model: SlabModel, _ states: [SlabState<Int>]) throws -> [String] {
        let system = try TransitionSystem(model: model, context: Context())
        let circuit = try Circuit(system: system)
        let context = system.context
        let bits = system.width.bits
        let flagged = BuiltInProperty.allCases.filter { circuit.stepViolation[$0] != nil }
        let one = try context.bitVector(1, width: 1)
        let zero = try context.bitVector(0, width: 1)
        var fields = [try context.ite(circuit.enabled, then: one, else: zero)] + circuit.next
        for property in flagged {
            if let broken = circuit.stepViolation[property] {
                fields.append(try context.ite(broken, then: one, else: zero))
            }
        }
        let root = try fields.dropFirst().reduce(fields[0]) { try $0.concat($1) }
        // Field k's bits, counted from the top.
        var offsets: [(high: Int, low: Int)] = []
        var top = root.bitWidth ?? 0
        for f in fields {
            let w = f.bitWidth ?? 1
            offsets.append((top - 1, top - w))
            top -= w
        }
        func field(_ value: Term, _ k: Int) throws -> UInt64? {
            try value.extract(high: offsets[k].high, low: offsets[k].low).simplify().uint64Value
        }
        var found: [String] = []
        for state in states {
            let cells = try state.cells.map { try numeral($0, width: bits, context) }
            let atState = try root.substitute(zip(system.variables, cells).map { (from: $0, to: $1) }).simplify()
            for (index, action) in system.actions.enumerated() {
                let chosen = try context.bitVector(UInt64(index), width: system.selectorWidth)
                let value = try atState.substitute([(from: system.selector, to: chosen)]).simplify()
                let expected = model.step(action, from: state)
                let isEnabled = try field(value, 0) == 1
                let at = "\(action) from \(state.cells)"
                guard isEnabled == (expected != nil) else {
                    found.append("\(at): enabled \(isEnabled), step \(expected != nil)")
                    continue
                }
                guard let expected else { continue }
                for c in circuit.next.indices {
                    let cell = try field(value, 1 + c).map { signedCellValue($0, width: bits) }
                    if cell != expected.state.cells[c] {
                        found.append(
                            "\(at): cell \(c) is \(String(describing: cell)), step says \(expected.state.cells[c])")
                    }
                }
                for (k, property) in flagged.enumerated() {
                    let broken = try field(value, 1 + circuit.next.count + k) == 1
                    if broken != expected.violations.contains(property.set) {
                        found.append("\(at): \(property.rawValue) broken \(broken)")
                    }
                }
            }
        }
        return found
    }

    @Test(arguments: [("tiny", Configs.tiny, 6), ("small", Configs.small, 4), ("medium", Configs.medium, 3)])
    func theCircuitsSuccessorsOfRandomStatesAreTheStepFunctions(name: String, configuration: Configuration, runs: Int)
        throws
    {
        let model = SlabModel(configuration: configuration, variant: .seed)
        let states = sampledStates(model, runs: runs, length: 12, seed: 33)
        let found = try Self.disagreements(model, states)
        #expect(found.isEmpty, "\(name): \(found.count) disagreements, first \(found.prefix(3))")
    }

    /// Every mutant's own paths (a wild object, an overrun, a stale `ac`, interrupts left on) go
    /// through the same circuit.
    @Test(arguments: Variant.allCases.filter { $0 != .seed })
    func everyMutantsCircuitAgreesWithItsStepFunction(variant: Variant) throws {
        let configuration = variant == .overrunSlab ? Configs.overrun : Configs.small
        let model = SlabModel(configuration: configuration, variant: variant)
        let states = sampledStates(model, runs: 3, length: 12, seed: 34)
        let found = try Self.disagreements(model, states)
        #expect(found.isEmpty, "\(variant): \(found.count) disagreements, first \(found.prefix(3))")
    }
}
