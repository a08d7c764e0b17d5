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

@Test(arguments: [Configuration.tiny, .oneObjectSlabs])
func noObjectIsCachedWhileHeld(configuration: Configuration) throws {
    try expectHolds(noObjectCachedWhileHeld, on: configuration)                     // every reachable state
    try expectHolds(noObjectCachedWhileHeld, on: .tiny, engine: .bmc(depth: 2))      // Z3, 2 steps deep
    try expectViolates(noObjectCachedWhileHeld, on: .tiny, variant: .growFailIrqsOn) // a mutant breaks it
}

@Test func randomSchedulesOnTheRealAllocator() throws {
    try expectRandomRunsPass([noObjectCachedWhileHeld, sharedRefillLeavesFreeCount], on: .tiny, runs: 50, steps: 40)
}
