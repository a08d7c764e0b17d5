import SlabModel
import Testing

/// The auxiliary invariants induction proves alongside the model's properties.
@Suite struct AuxiliaryInvariantTests {
    let model = SlabModel(configuration: small, variant: .seed)

    @Test func listsHoldSlabsHoldsWhenEveryEntryNamesASlab() {
        var b = StateBuilder(model)
        b.slab(0, freeList: [1], on: .partial)
        b.slab(1, freeList: [], on: .full)
        #expect(model.properties.holds(.listsHoldSlabs, in: b.state))
    }

    /// The state shape medium's step case found: `list-placement` passes it, so only this
    /// invariant rules it out.
    @Test func listsHoldSlabsBreaksOnAnEntryNamingNoSlotThatListPlacementPasses() {
        var b = StateBuilder(model)
        b.slab(0, freeList: [1], on: .partial)
        let partial = model.layout.list(.partial)
        b.set(partial.slots + 1, model.configuration.pages)
        b.set(partial.count, 2)
        #expect(model.properties.listPlacement(b.state))
        #expect(!model.properties.holds(.listsHoldSlabs, in: b.state))
    }

    @Test func listsHoldSlabsIgnoresEntriesPastTheCount() {
        var b = StateBuilder(model)
        b.slab(0, freeList: [1], on: .partial)
        b.set(model.layout.list(.partial).slots + 1, -1)
        #expect(model.properties.holds(.listsHoldSlabs, in: b.state))
    }
}
