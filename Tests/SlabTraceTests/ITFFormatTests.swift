import Foundation
import SlabModel
import SlabTrace
import TestSupport
import Testing

/// The ITF the writer produces is the format Apalache's ADR-015 describes, and the reader still
/// reads the files written before.
@Suite struct ITFFormatTests {
    @Test func theMbtVariablesAreListedEveryPickIsInEveryStateAndEveryVariableHasAType() throws {
        let itf = try sampleTrace().itf
        guard case .array(let vars) = try #require(itf["vars"]), case .array(let states) = try #require(itf["states"])
        else {
            Issue.record("vars and states are arrays")
            return
        }
        let names = vars.compactMap { if case .string(let s) = $0 { s } else { nil } }
        #expect(names.contains("mbt::actionTaken") && names.contains("mbt::nondetPicks"))
        guard case .object(let types) = try #require(itf["#meta"]?["varTypes"]) else {
            Issue.record("#meta.varTypes is an object")
            return
        }
        #expect(types.map(\.0) == names)
        for (i, state) in states.enumerated() {
            guard case .object(let picks) = try #require(state["mbt::nondetPicks"]) else {
                Issue.record("states[\(i)].mbt::nondetPicks is an object")
                continue
            }
            #expect(picks.map(\.0) == SlabTrace.pickNames, "states[\(i)]")
            for name in names { #expect(state[name] != nil, "states[\(i)] has \(name)") }
        }
        let unused = try #require(states[1]["mbt::nondetPicks"]?["object"])
        #expect(unused.rendered(indent: nil) == ##"{"tag":"None","value":{"#tup":[]}}"##)
    }

    @Test func aFileWrittenBeforeTheMbtVariablesWereListedReadsTheSame() throws {
        let trace = try sampleTrace()
        var old = edit(trace.itf, ["vars"], .array(SlabTrace.vars.map(JSON.string)))
        old = edit(old, ["#meta", "varTypes"], nil)
        for i in 0...trace.steps.count {
            let taken = i == 0 ? [] : trace.steps[i - 1].action.arguments.map(\.name)
            for name in SlabTrace.pickNames where !taken.contains(name) {
                old = edit(old, ["states", .index(i), "mbt::nondetPicks", .key(name)], nil)
            }
        }
        #expect(try SlabTrace(itfData: Data(old.rendered().utf8), file: "old.itf.json") == trace)
    }
}
