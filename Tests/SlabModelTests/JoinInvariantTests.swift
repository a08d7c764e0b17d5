import ModelKit
import SlabModel
import TestSupport
import Testing

/// The invariants the segment engine proves steps by are true: at every join that the steps from
/// reachable states pass, with what the step carries there, each part holds. (Induction shows
/// they are kept; this shows they are not too strong to start from.)
@Suite struct JoinInvariantTests {
    static let kinds = ["batchLoop", "takeObjects", "freeBlock", "reapAfterDrain"]

    /// Which kind of join `place` is, to tell that each kind was met.
    static func kind(_ place: JoinKey.Place) -> String {
        switch place {
        case .batchLoop: "batchLoop"
        case .takeObjects: "takeObjects"
        case .freeBlock: "freeBlock"
        case .reapAfterDrain: "reapAfterDrain"
        }
    }

    @Test(arguments: [
        ("tiny", Configuration.tiny), ("small", .small), ("medium", .medium),
        ("tuned", Configuration.small.tuned(limit: 2, batchcount: 1, sharedFactor: 1)),
    ])
    func everyJoinOfTheSeedsStepsSatisfiesItsInvariant(name: String, configuration: Configuration) {
        let model = SlabModel(configuration: configuration, variant: .seed)
        let properties = model.properties
        var failures: [String] = []
        var met: Set<String> = []
        for state in sampledStates(model, runs: 8, length: 20, seed: 35) {
            for action in model.possibleActions where model.isEnabled(action, in: state) {
                for passed in JoinRecorder.joins(of: action, from: state, in: model) {
                    let at = "\(action) at \(passed.key.place) carrying \(passed.carried)"
                    guard
                        let parts = properties.invariant(
                            at: passed.key, of: action, in: passed.state, carrying: passed.carried)
                    else {
                        failures.append("\(at): no invariant")
                        continue
                    }
                    met.insert(Self.kind(passed.key.place))
                    failures += parts.filter { !$0.holds }.map { "\(at): \($0.name)" }
                }
            }
        }
        #expect(failures.isEmpty, "\(name): \(failures.count) failures, first \(failures.prefix(3))")
        #expect(met.sorted() == Self.kinds.sorted(), "\(name): met \(met.sorted())")
    }
}
