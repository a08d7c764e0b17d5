import ModelKit
import SlabModel
import SlabProperty
import Testing

/// Symmetry reduction stores one state for all states that differ only in the names of tasks,
/// CPUs, slab slots and the objects within a slab, so it is sound for a property only for the
/// kinds whose renaming cannot change the property's verdict. These pin which kinds each keeps.
@Suite struct NameBlindnessTests {
    @Test(arguments: [
        heldNotCached, sharedNotHeld, partialIsPartial, freeObjectsWithinSlabs, sharedRefillKeepsFreeCount,
    ])
    func propertiesThatOnlyCompareNamesForEqualityKeepSymmetry(property: Property) {
        #expect(property.isNameBlind, "\(property.name)")
    }

    @Test func aLiteralCpuIndexNamesACpu() {
        #expect(Property("first-cpu-small") { ac[0].avail <= 1 }.namedKinds == .cpus)
    }

    /// A property about task 0 keeps tasks apart and nothing else: CPUs, slots and objects may
    /// still be renamed while it is checked.
    @Test func aLiteralTaskIndexNamesATaskAndNothingElse() {
        #expect(Property("task-0-idle") { task[0].status == 0 }.namedKinds == .tasks)
    }

    /// A task's CPU compared with a number names both: the task by its index, the CPU by number.
    @Test func aTasksCpuComparedWithANumberNamesEveryKind() {
        #expect(Property("task-0-on-cpu-1") { task[0].cpu == 1 }.namedKinds.isSuperset(of: [.tasks, .cpus]))
    }

    /// A slab's `free` head is an object's index within its slab: renaming objects changes it.
    @Test func aSlabsFreeHeadNamesObjects() {
        #expect(Property("heads-at-0") { forAll(.slabs) { s in s.free == 0 } }.namedKinds.contains(.objects))
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
