import SlabModel
import TestSupport
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

    /// Half way through `free_block`: the object `__cache_free` holds in hand is in a place, and
    /// an entry the loop has given back is in none (its object is on its slab's chain again).
    typealias Freeing = SlabProperties.Freeing<Int>

    @Test func halfWayThroughFreeBlockTheObjectInHandCountsAndTheFreedEntriesDoNot() {
        let p = model.properties
        let ac = model.layout.ac(1)
        let nowhere = state { _ in }
        #expect(p.conservation(nowhere, freeing: Freeing(array: ac, freed: 0, inHand: 0)))
        #expect(!p.conservation(nowhere, freeing: Freeing(array: ac, freed: 0, inHand: 1)))
        let cached = state { $0.array(ac, [0]) }
        #expect(p.conservation(cached, freeing: Freeing(array: ac, freed: 0, inHand: nil)))
        #expect(!p.conservation(cached, freeing: Freeing(array: ac, freed: 1, inHand: nil)))
        #expect(p.conservation(cached, freeing: Freeing(array: model.layout.shared, freed: 1, inHand: nil)))
        #expect(p.conservationBroken(cached, witness: 0, freeing: Freeing(array: ac, freed: 1, inHand: nil)))
    }

    /// `conservation` fails exactly where a place is stray or some object witnesses it: the form
    /// the Z3 engines negate with one fresh object instead of a disjunct per object. Pinned on
    /// random runs of every variant (the mutants break `conservation` in several ways), and no
    /// value outside the objects is ever a witness.
    @Test(arguments: Variant.allCases)
    func failsExactlyWhereAStrayPlaceOrAWitnessObjectShowsIt(variant: Variant) {
        let model = SlabModel(configuration: small, variant: variant)
        let p = model.properties
        let objects = model.layout.objects
        var broken = 0
        for s in sampledStates(model, runs: 30, length: 25, seed: 41) {
            let witnessed = (0..<objects).contains { p.conservationBroken(s, witness: $0) }
            #expect(p.conservation(s) == !(p.strayPlace(s) || witnessed))
            #expect(![-1, objects, objects + 1].contains { p.conservationBroken(s, witness: $0) })
            if !p.conservation(s) { broken += 1 }
        }
        if variant == .seed { #expect(broken == 0) }
    }

    @Test func theWitnessIsTheObjectThatIsNowhereOrTwice() {
        let p = model.properties
        let nowhere = state { _ in }
        #expect(p.conservationBroken(nowhere, witness: 0))
        #expect(!p.conservationBroken(nowhere, witness: 1))
        let twice = state { $0.set(model.layout.held(0), 2) }
        #expect(p.conservationBroken(twice, witness: 0))
        #expect(!p.strayPlace(twice))
        let wild = state { b in
            b.held([0])
            b.array(model.layout.ac(0), [model.layout.wild])
        }
        #expect(p.strayPlace(wild))
        #expect(!(0..<model.layout.objects).contains { p.conservationBroken(wild, witness: $0) })
    }
}
