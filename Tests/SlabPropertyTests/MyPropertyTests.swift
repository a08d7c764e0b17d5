import SlabModel
import SlabProperty
import SlabTesting
import Testing

/// An object a caller holds is on no CPU's array.
let noObjectCachedWhileHeld = Property("no-object-cached-while-held") {
    forAll(.objects) { o in held[o] > 0 ==> forAll(.cpus) { c in !o.isOn(ac[c]) } }
}

/// A step property: an allocation served from the shared array leaves free_objects alone.
let sharedRefillLeavesFreeCount = Property.step("shared-refill-leaves-free-count") {
    step.is("alloc", "irqAlloc") && shared.avail < old(shared.avail) ==> freeObjects == old(freeObjects)
}

@Test(arguments: [Variant.seed])
func noObjectIsCachedWhileHeld(variant: Variant) throws {
    try expectHolds(noObjectCachedWhileHeld, on: .tiny, variant: variant)  // every reachable state
    try expectViolates(noObjectCachedWhileHeld, on: .tiny, variant: .growFailIrqsOn)  // a mutant breaks it
}

@Test func randomSchedulesOnTheRealAllocator() throws {
    try expectRandomRunsPass([noObjectCachedWhileHeld, sharedRefillLeavesFreeCount], on: .tiny, runs: 50, steps: 40)
}
