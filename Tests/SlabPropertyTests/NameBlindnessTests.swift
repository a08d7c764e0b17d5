import SlabModel
import SlabProperty
import Testing

/// Symmetry reduction stores one state for all states that differ only in the names of CPUs,
/// slab slots and the objects within a slab, so it is sound for a property only if renaming
/// cannot change the property's verdict. These pin which properties keep it.
@Suite struct NameBlindnessTests {
    @Test(arguments: [heldNotCached, sharedNotHeld, partialIsPartial, freeObjectsWithinSlabs, sharedRefillKeepsFreeCount])
    func propertiesThatOnlyCompareNamesForEqualityKeepSymmetry(property: Property) {
        #expect(property.isNameBlind, "\(property.name)")
    }

    @Test func aLiteralCpuIndexNamesACpu() {
        #expect(!Property("first-cpu-small") { ac[0].avail <= 1 }.isNameBlind)
    }

    /// `o - (o / num) * num` is the object's index within its slab, which renaming the slab's
    /// objects changes.
    @Test func arithmeticOnAnObjectNameIsNotBlind() {
        let firstOfSlab = Property("held-are-first") {
            forAll(.objects) { o in held[o] > 0 ==> o - (o / num) * num == 0 }
        }
        #expect(!firstOfSlab.isNameBlind)
    }

    @Test func aSumOfObjectNamesIsNotBlind() {
        #expect(!Property("held-names") { sum(.objects, where: { held[$0] > 0 }) { $0 } >= 0 }.isNameBlind)
    }

    /// Renaming keeps which objects are equal, not which comes first: "each array is sorted by
    /// name" changes verdict under renaming.
    @Test func orderingTwoObjectNamesIsNotBlind() {
        let sorted = Property("arrays-sorted") { forAll(.cpus) { c in ac[c].entries[0] < ac[c].entries[1] } }
        let distinct = Property("arrays-distinct") { forAll(.cpus) { c in ac[c].entries[0] != ac[c].entries[1] } }
        #expect(!sorted.isNameBlind)
        #expect(distinct.isNameBlind)
    }
}
