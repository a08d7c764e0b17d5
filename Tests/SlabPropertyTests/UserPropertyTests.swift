import SlabChecker
import SlabModel
import SlabProperty
import SlabTesting
import Testing

/// Each user property holds on the seed and fails on the mutant that breaks it, with the same
/// engine: a property no mutant can fail would prove nothing.
@Suite struct UserPropertyTests {
    @Test(arguments: [Configuration.tiny, .tinyShared])
    func everyUserPropertyHoldsOnTheSeed(configuration: Configuration) throws {
        for property in [
            heldNotCached, sharedNotHeld, partialIsPartial, sharedRefillKeepsFreeCount, freeObjectsWithinSlabs,
        ] {
            try expectHolds(property, on: configuration)
        }
    }

    @Test func heldObjectsAreOnNoCpuArrayOnTheSeedButAreUnderGrowFailIrqsOn() throws {
        try expectHolds(heldNotCached, on: .tinyShared)
        try expectViolates(heldNotCached, on: .tiny, variant: .growFailIrqsOn)
    }

    @Test func sharedObjectsAreNeverHeldOnTheSeedButAreUnderSharedWrongEnd() throws {
        try expectHolds(sharedNotHeld, on: .tinyShared)
        try expectViolates(sharedNotHeld, on: .tinyShared, variant: .sharedWrongEnd)
    }

    @Test func partialSlabsArePartialOnTheSeedButNotUnderSlabStaysPartial() throws {
        try expectHolds(partialIsPartial, on: .tinyShared)
        try expectViolates(partialIsPartial, on: .tiny, variant: .slabStaysPartial)
    }

    @Test func sharedRefillKeepsTheFreeCountOnTheSeedButNotUnderSharedCountsFree() throws {
        try expectHolds(sharedRefillKeepsFreeCount, on: .tinyShared)
        try expectViolates(sharedRefillKeepsFreeCount, on: .tinyShared, variant: .sharedCountsFree)
    }

    @Test func freeObjectsStayWithinTheSlabsOnTheSeedButNotUnderGrowUncounted() throws {
        try expectHolds(freeObjectsWithinSlabs, on: .tinyShared)
        try expectViolates(freeObjectsWithinSlabs, on: .tiny, variant: .growUncounted)
    }
}
