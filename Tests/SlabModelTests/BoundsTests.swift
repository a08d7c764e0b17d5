import ModelKit
import SlabModel
import Testing

/// An access outside an `array_cache`'s entries stops the run at the access that makes it, and
/// breaks `avail-bounds` there: the model follows no memory past an array, so a crash that no
/// property names would hide the corruption behind whatever property happens to notice later.
@Suite struct BoundsTests {
    let model = SlabModel(configuration: small, variant: .seed)

    @Test func aFlushIntoASharedArrayPastItsLimitStopsAtCacheFlusharraysMemcpy() throws {
        // cpu 0's array is full (limit 2), objects 2 and 3 are held; the shared array's avail has
        // wrapped below 0, as a path that does not clamp would leave it.
        var builder = StateBuilder(model)
        builder.slab(0, freeList: [], on: .full)
        builder.slab(1, freeList: [], on: .full)
        builder.array(model.layout.ac(0), [0, 1])
        builder.held([2, 3])
        builder.set(model.layout.shared.avail, -1)
        let outcome = try #require(model.step(.free(task: 0, object: 2), from: builder.state))
        #expect(outcome.state[model.layout.crash] == Crash.flushOverflow.rawValue)
        #expect(Crash.flushOverflow.site.hasPrefix("cache_flusharray"))
        #expect(model.violations(in: outcome.state).contains(BuiltInProperty.availBounds.set))
    }

    @Test func aRefillThatWouldCopyPastTheSharedArrayStopsAtItsMemcpy() throws {
        var state = SlabState<Int>.initial(model.layout)
        state[model.layout.shared.avail] = 3  // one more than its limit of 2
        let outcome = try #require(model.step(.irqAlloc(cpu: 0, growFails: false), from: state))
        #expect(outcome.state[model.layout.crash] == Crash.sharedCopyOutOfBounds.rawValue)
        #expect(model.violations(in: outcome.state).contains(BuiltInProperty.availBounds.set))
    }

    @Test func everyOutOfBoundsStopBreaksAvailBoundsAndNoOtherStopDoes() {
        for crash in Crash.allCases {
            var state = SlabState<Int>.initial(model.layout)
            state[model.layout.crash] = crash.rawValue
            let broken = model.violations(in: state).contains(BuiltInProperty.availBounds.set)
            #expect(broken == crash.isOutOfBounds, "\(crash)")
        }
    }
}
