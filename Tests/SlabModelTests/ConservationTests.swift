import SlabModel
import Testing

/// `conservation` counts each object's places with two flags (seen, seen again), not a sum: these
/// pin that it still tells one place from none, two and three.
@Suite struct ConservationTests {
    let model = SlabModel(configuration: small, variant: .seed)

    /// Slab 0 live with object 1 on its free chain; object 0 wherever `place` puts it.
    func state(_ place: (inout StateBuilder) -> Void) -> SlabState<Int> {
        var b = StateBuilder(model)
        b.slab(0, freeList: [1], on: .partial)
        place(&b)
        return b.state
    }

    @Test func holdsWhenEveryObjectIsInExactlyOnePlace() {
        #expect(model.properties.conservation(state { $0.held([0]) }))
        #expect(model.properties.conservation(state { $0.array(model.layout.ac(1), [0]) }))
    }

    @Test func breaksWhenAnObjectIsNowhere() {
        #expect(!model.properties.conservation(state { _ in }))
    }

    @Test(arguments: [2, 3])
    func breaksWhenAnObjectIsHeldMoreThanOnce(holders: Int) {
        #expect(!model.properties.conservation(state { $0.set(model.layout.held(0), holders) }))
    }

    @Test func breaksWhenAnObjectIsBothHeldAndCached() {
        #expect(
            !model.properties.conservation(
                state { b in
                    b.held([0])
                    b.array(model.layout.shared, [0])
                }))
    }
}
