import SlabModel
import SlabProperty

// Properties beyond the model's, written as a user of slabcheck writes them.

/// An object a caller holds is on no CPU's array: handing it out took it off.
let heldNotCached = Property("held-not-cached") {
    forAll(.objects) { o in
        held[o] > 0 ==> forAll(.cpus) { c in !o.isOn(ac[c]) }
    }
}

/// An object on the shared array is free: no caller also holds it.
let sharedNotHeld = Property("shared-not-held") {
    forAll(.objects) { o in o.isOn(shared) ==> held[o] == 0 }
}

/// A slab on `slabs_partial` has both a free and a used object.
let partialIsPartial = Property("partial-is-partial") {
    forAll(.slabs) { s in s.isOn(.partial) ==> s.inuse > 0 && s.inuse < num }
}

/// An allocation served from the shared array moves objects that `free_objects` never counted
/// (they were already off the slabs), so it leaves `free_objects` alone.
let sharedRefillKeepsFreeCount = Property.step("shared-refill-keeps-free-count") {
    step.is("alloc", "irqAlloc") && shared.avail < old(shared.avail) ==> freeObjects == old(freeObjects)
}

/// `free_objects` counts objects on slabs, so it never exceeds what the live slabs can hold (a
/// wrapped, "negative" count is huge and breaks this too).
let freeObjectsWithinSlabs = Property("free-objects-within-slabs") {
    freeObjects >= 0 && freeObjects <= sum(.slabs, where: { $0.isLive }) { _ in num }
}
