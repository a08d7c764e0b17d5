import Foundation
import Replay
import SlabModel
import SlabTrace
import TestSupport
import Testing

@Suite("Replay refuses traces that are not the model's")
struct BadTraceTests {
    func replayError(_ trace: SlabTrace) -> ReplayError? {
        do {
            _ = try Replayer.replay(trace)
            return nil
        } catch {
            return error
        }
    }

    @Test("a recorded field edited in the file is refused, naming the step and the field")
    func editedFieldIsTampered() throws {
        let trace = try counterexample(.sharedWrongEnd, .conservation, Configs.small)
        let itf = trace.itf
        // states[3] is step 3: claim ac[0] held one more object than the model's run leaves there.
        let recorded = trace.steps[2].state.ac[0].avail
        let edited = edit(itf, ["states", 3, "ac", 0, "avail"], bigint(String(recorded + 1)))
        let read = try SlabTrace(itfData: Data(edited.rendered().utf8), file: "edited.itf.json")
        let error = replayError(read)
        #expect(error == .tampered(step: 3, field: "ac[0].avail", recorded: "\(recorded + 1)", model: "\(recorded)"))
        #expect(
            error?.description
                == "tampered trace: step 3 field ac[0].avail recorded \(recorded + 1) model gives \(recorded)")
    }

    @Test("an edited return value or broken-property list is refused too")
    func editedObservationsAreTampered() throws {
        let trace = try counterexample(.sharedWrongEnd, .conservation, Configs.small)
        var returned = trace
        let k = try #require(returned.steps.firstIndex { $0.returned != nil })
        returned.steps[k].returned = .object(99)
        #expect(
            replayError(returned).map { "\($0)" }?.hasPrefix(
                "tampered trace: step \(k + 1) field returned recorded object 99") == true)
        var violated = trace
        violated.steps[violated.steps.count - 1].violated = []
        #expect(
            replayError(violated).map { "\($0)" }?.hasPrefix("tampered trace: step \(trace.steps.count) field violated")
                == true)
    }

    @Test("a step the model does not allow where it is taken is refused with its step number")
    func impossibleStep() throws {
        let trace = try counterexample(.sharedWrongEnd, .conservation, Configs.small)
        var bad = trace
        // Freeing an object nobody holds.
        bad.steps[1].action = .free(task: 0, object: 3)
        #expect(
            replayError(bad)
                == .impossibleStep(
                    step: 2, action: .free(task: 0, object: 3),
                    reason: "the model does not allow it in the state before it"))
        var noSuchTask = trace
        noSuchTask.steps[0].action = .alloc(task: 7)
        #expect(
            replayError(noSuchTask).map { "\($0)" }
                == "step 1: alloc(task: 7) is impossible: the model does not allow it in the state before it")
    }

    @Test("a counterexample whose property no step breaks is refused")
    func propertyNeverBroken() throws {
        var trace = try sampleTrace()
        trace.origin.property = BuiltInProperty.conservation.rawValue
        #expect(
            replayError(trace)
                == .inconsistent(
                    "the trace is a counterexample for conservation, but no step of it breaks conservation"))
    }

    @Test("a configuration the real allocator cannot hold is refused with its message")
    func unsupportedConfiguration() throws {
        var c = Configs.small
        c.num = 100  // CSLAB_MAX_NUM is 64
        let model = SlabModel(configuration: c, variant: .seed)
        let trace = try SlabTrace.run(
            [.irqAlloc(cpu: 0, growFails: false)], on: model,
            origin: .init(spec: "", configuration: c, variant: .seed, property: nil, engine: "")
        ).get()
        let error = replayError(trace)
        #expect(
            error.map { "\($0)" }?.hasPrefix("the real allocator refuses the configuration: num must be in 1...64")
                == true, "\(String(describing: error))")
    }

    @Test("a trace of the seed that breaks nothing matches the real allocator at every step")
    func plainRunMatches() throws {
        let trace = try sampleTrace()
        let report = try Replayer.replay(trace)
        #expect(report.outcome == .matched(steps: trace.steps.count))
        #expect(report.meetsRecord)
        #expect(report.firstDifference == nil)
    }

    @Test("a counterexample replayed on a real allocator with another variant diverges, naming step and field")
    func realAllocatorDiffers() throws {
        // The model's run of the mutant, declared (consistently) as a trace of the mutant, but the
        // real allocator is told the seed: the first difference is where the mutant's line runs.
        let trace = try counterexample(.noFreeDecrement, .freeObjectsExact, Configs.small)
        let real = try RealAllocator(configuration: Configs.small, variant: .seed)
        #expect(trace.steps.count == 1)
        let step = real.perform(trace.steps[0].action)
        #expect(step.refusal == nil)
        let view = StepView(returned: step.returned, state: real.state().snapshot, violated: [])
        let d = StepView(
            returned: trace.steps[0].returned, state: trace.steps[0].state, violated: trace.steps[0].violated
        )
        .firstDifference(from: view)
        #expect(d?.field == "freeObjects", "\(String(describing: d))")
    }
}

@Suite("Replay outcomes past a violation")
struct PastViolationTests {
    @Test("grow-fail-irqs-on: an object handed out twice stays held by its other holder, in model and real alike")
    func doubleHandOutThenFreeAgrees() throws {
        let tiny = try #require(Configs.named("tiny"))
        let model = SlabModel(configuration: tiny, variant: .growFailIrqsOn)
        let actions: [SlabAction] = [
            .irqAlloc(cpu: 0, growFails: false), .irqAlloc(cpu: 0, growFails: false),  // objects 0 and 1: slab 0 full
            .alloc(task: 0), .growDone(task: 0, ok: false),  // the failed grow leaves interrupts on
            .irqFree(cpu: 0, object: 0),  // an interrupt refills ac with object 0
            .resume(task: 0), .resume(task: 0), .resume(task: 0),  // reload, NULL test, retry test
            .resume(task: 0),  // --ac->avail: object 0 is lost (step 9)
            .irqFree(cpu: 0, object: 1),  // object 1 lands in the slot about to be read
            .resume(task: 0),  // returns object 1, which is still in ac
            .irqAlloc(cpu: 0, growFails: false),  // hands object 1 out a second time
            .free(task: 0, object: 1),  // one holder gives it back
        ]
        let origin = SlabTrace.Origin(
            spec: "test", configuration: tiny, variant: .growFailIrqsOn, property: nil, engine: "hand")
        let run = try SlabTrace.run(actions, on: model, origin: origin).get()
        #expect(run.steps[8].violated.contains("conservation"))
        #expect(run.steps[10].returned == .object(1) && run.steps[11].returned == .object(1))
        #expect(run.steps[11].state.held == [1, 1] && run.steps[12].state.held == [1])
        let report = try Replayer.replay(run)
        #expect(report.outcome == .matched(steps: 13), "\(report.outcome)")
        #expect(report.meetsRecord)
        // As a counterexample for conservation it reproduces at step 9, before it gets there.
        var asCounterexample = run
        asCounterexample.origin.property = "conservation"
        let reproduced = try Replayer.replay(asCounterexample)
        #expect(reproduced.outcome == .reproduced(property: "conservation", step: 9))
        #expect(reproduced.meetsRecord)
    }
}

@Suite("A reproduction is the model's only where the states agree")
struct ReproductionWithDifferenceTests {
    @Test("a property broken while the real state went elsewhere does not meet the trace's record")
    func reproducedWithADifferenceDoesNotMeetTheRecord() {
        let difference = Divergence(step: 3, difference: Difference(field: "shared.avail", expected: "0", actual: "2"))
        var report = ReplayReport(
            property: "avail-bounds", recordedStep: 3, steps: 3,
            outcome: .reproduced(property: "avail-bounds", step: 3), firstDifference: nil)
        #expect(report.meetsRecord)
        report.firstDifference = difference
        #expect(report.outcome == report.expected)
        #expect(!report.meetsRecord)
    }
}
