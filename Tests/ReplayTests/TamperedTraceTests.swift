import Foundation
import SlabModel
import SlabTrace
import TestSupport
import Testing

/// Replay and show read a trace as untrusted input: a slab listed twice, a pick the step does not
/// take, a CPU or task that does not exist, and recorded violations the model does not reach are
/// refused, with the step and field named.
@Suite struct TamperedTraceTests {
    func shipped() throws -> JSON {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "Counterexamples/shared-wrong-end-conservation.itf.json"
            ).path
        return try JSON.parse(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func refusal(_ json: JSON) -> String {
        do {
            _ = try SlabTrace(itf: json, file: "t.itf.json")
            return ""
        } catch {
            return error.description
        }
    }

    func firstStepAction(_ json: JSON) -> (name: String, picks: [(String, JSON)])? {
        guard case .array(let states)? = json["states"], states.count > 1,
            case .string(let name)? = states[1]["mbt::actionTaken"],
            case .object(let picks)? = states[1]["mbt::nondetPicks"]
        else { return nil }
        return (name, picks)
    }

    @Test func aSlabListedTwiceIsRefused() throws {
        let json = try shipped()
        guard case .array(let states)? = json["states"], case .array(let slabs)? = states[1]["slabs"],
            let first = slabs.first
        else {
            Issue.record("the shipped trace has no slab after step 1")
            return
        }
        let doubled = edit(json, ["states", 1, "slabs"], .array(slabs + [first]))
        #expect(refusal(doubled).contains("states[1].slabs[\(slabs.count)].slot: slab"), "\(refusal(doubled))")
        #expect(refusal(doubled).contains("is listed twice"))
    }

    @Test func aPickTheStepDoesNotTakeIsRefused() throws {
        let json = try shipped()
        let (name, picks) = try #require(firstStepAction(json))
        let extra =
            picks.filter { $0.0 != "tuning" } + [
                ("tuning", .object([("tag", .string("Some")), ("value", bigint("0"))]))
            ]
        let message = refusal(edit(json, ["states", 1, "mbt::nondetPicks"], .object(extra)))
        #expect(
            message.contains("states[1].mbt::nondetPicks.tuning: the action \(name) does not take \"tuning\""),
            "\(message)")
    }

    @Test func aCpuOrTaskOutsideTheConfigurationIsRefused() throws {
        let json = try shipped()
        let (_, picks) = try #require(firstStepAction(json))
        // The step's own CPU or task: every pick is in every state, `None` where the step does not take it.
        let taken = picks.filter { $0.1["tag"] == .string("Some") }
        let argument = try #require(taken.first { $0.0 == "cpu" || $0.0 == "task" }?.0)
        let moved = picks.map {
            $0.0 == argument ? ($0.0, JSON.object([("tag", .string("Some")), ("value", bigint("5"))])) : $0
        }
        let message = refusal(edit(json, ["states", 1, "mbt::nondetPicks"], .object(moved)))
        #expect(
            message.contains("states[1].mbt::nondetPicks.\(argument): \(argument) 5 is outside the configuration"),
            "\(message)")
    }

    @Test func showJudgesTheViolationsItselfRatherThanTrustingTheRecordedOnes() throws {
        let json = try shipped()
        guard case .array(let states)? = json["states"] else {
            Issue.record("no states")
            return
        }
        let forged = edit(
            json, [.key("states"), .index(states.count - 1), .key("violated")], .object([("#set", .array([]))]))
        let trace = try SlabTrace(itf: forged, file: "t.itf.json")
        guard case .failure(let error) = trace.judgedByTheModel() else {
            Issue.record("a trace whose last step claims no violation was accepted")
            return
        }
        #expect(
            error.description.contains("step \(states.count - 1): the recorded violations are not the model's"),
            "\(error)")
        let honest = try SlabTrace(itf: json, file: "t.itf.json")
        guard case .success(let judged) = honest.judgedByTheModel() else {
            Issue.record("the shipped trace was refused")
            return
        }
        #expect(judged.steps.last?.violated.contains("conservation") == true)
    }
}
