import SlabModel
import SlabProperty
import SlabTesting
import Testing

/// A slab on `slabs_full` has every object in use: the refill and the free path move a slab to
/// another list as soon as one of its objects comes back.
let fullSlabsAreFull = Property("full-slabs-are-full") {
    forAll(.slabs) { s in s.isOn(.full) ==> s.inuse == num }
}

/// `free_objects` counts the free objects on the live slabs, no more and no fewer.
let freeObjectsCounted = Property("free-objects-counted") {
    freeObjects == sum(.slabs, where: { $0.isLive }) { s in num - s.inuse }
}

@Test func fullSlabsAreFullOnTheSeed() throws {
    try expectHolds(fullSlabsAreFull, on: .tiny)
}

@Test func aGrowThatForgetsFreeObjectsBreaksTheCount() throws {
    try expectViolates(freeObjectsCounted, on: .tiny, variant: .growUncounted)
}
