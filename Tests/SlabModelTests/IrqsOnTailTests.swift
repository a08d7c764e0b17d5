import SlabModel
import Testing

/// `grow-fail-irqs-on`: after the failed grow the refill runs with interrupts on, one access at
/// a time, and an interrupt between the decrement and the read corrupts the array.
@Suite struct IrqsOnTailTests {
    let model = SlabModel(configuration: tiny, variant: .growFailIrqsOn)

    @Test func accessesAfterAFailedGrowAreFlaggedIrqsOff() throws {
        let (state, grown) = try run([.alloc(task: 0), .growDone(task: 0, ok: false)], on: model)
        #expect(grown?.violations.isEmpty == true, "nothing touched ac yet")
        #expect(Snapshot(state, layout: model.layout).tasks[0].status == "irqsOnBeforeReload")
        let (_, test) = try run([.resume(task: 0), .resume(task: 0)], on: model, from: state)
        #expect(test?.violations.contains(BuiltInProperty.irqsOff.set) == true)
    }

    @Test func anInterruptBetweenTheDecrementAndTheReadHandsOutAnObjectTwice() throws {
        let (state, last) = try run(
            [
                .alloc(task: 0), .irqAlloc(cpu: 0, growFails: false), .irqFree(cpu: 0, object: 0),
                .growDone(task: 0, ok: false),
                .resume(task: 0), .resume(task: 0), .resume(task: 0), .resume(task: 0),
                .irqAlloc(cpu: 0, growFails: false), .irqFree(cpu: 0, object: 1), .resume(task: 0),
            ], on: model)
        #expect(last?.returned == .some(1))
        let s = Snapshot(state, layout: model.layout)
        #expect(s.held == [1] && s.ac[0].entries == [1], "object 1 is both held and in the array")
        #expect(!model.properties.conservation(state))
        #expect(model.step(.resume(task: 0), from: state) == nil, "the task is idle again")
    }

    @Test func theSeedNeverRunsTheRefillWithInterruptsOn() throws {
        let seed = SlabModel(configuration: tiny, variant: .seed)
        let (state, last) = try run([.alloc(task: 0), .growDone(task: 0, ok: false)], on: seed)
        #expect(last?.returned == .some(nil))
        #expect(seed.step(.resume(task: 0), from: state) == nil)
    }
}
