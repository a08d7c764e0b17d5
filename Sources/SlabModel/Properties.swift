import ModelKit

/// The state properties of Documentation/Model.md (Properties), judged on a state between steps.
///
/// These are the kernel's own consistency checks (`s_show`'s accounting errors, `check_slabp`)
/// made into predicates. They are written once, over `ModelValue`: concretely (`Int`, `Bool`) they
/// are what the explicit engine judges, symbolically they are the formulas the bounded model
/// checker and the induction prover ask Z3 about. To keep the formulas small they accumulate with
/// `select` (an `ite`) and `and`/`or` instead of branching, and take a direct path wherever a value
/// is a known number (always, concretely), so the explicit engine pays no symbolic price.
///
/// Each tolerates any corruption a mutant can produce (cycles in a free list, a slab on two lists),
/// because a property that traps on a broken state would hide exactly the states worth reporting.
public struct SlabProperties: Sendable {
    public let layout: Layout

    public init(layout: Layout) { self.layout = layout }

    var config: Configuration { layout.config }

    /// The properties judged on states (the others are judged on steps, in `StepOutcome`).
    public static let stateProperties: [BuiltInProperty] = [
        .availBounds, .noBug, .inuseBounds, .inuseMatchesFreelist, .listPlacement, .freeObjectsExact, .conservation,
    ]

    /// The state properties `s` breaks.
    public func violations(in s: SlabState<Int>) -> PropertySet {
        var broken: PropertySet = []
        if !availBounds(s) { broken.insert(BuiltInProperty.availBounds.set) }
        if !noBug(s) { broken.insert(BuiltInProperty.noBug.set) }
        if !inuseBounds(s) { broken.insert(BuiltInProperty.inuseBounds.set) }
        if !inuseMatchesFreelist(s) { broken.insert(BuiltInProperty.inuseMatchesFreelist.set) }
        if !listPlacement(s) { broken.insert(BuiltInProperty.listPlacement.set) }
        if !freeObjectsExact(s) { broken.insert(BuiltInProperty.freeObjectsExact.set) }
        if !conservation(s) { broken.insert(BuiltInProperty.conservation.set) }
        return broken
    }

    /// Whether `s` satisfies `property`; nil for a step property, which no state can show.
    public func holds<V: ModelValue>(_ property: BuiltInProperty, in s: SlabState<V>) -> V.Condition? {
        switch property {
        case .availBounds: availBounds(s)
        case .noBug: noBug(s)
        case .inuseBounds: inuseBounds(s)
        case .inuseMatchesFreelist: inuseMatchesFreelist(s)
        case .listPlacement: listPlacement(s)
        case .freeObjectsExact: freeObjectsExact(s)
        case .conservation: conservation(s)
        case .acCurrent, .irqsOff, .refillTerminates: nil
        }
    }

    func isLive<V: ModelValue>(_ s: SlabState<V>, _ slot: Int) -> V.Condition {
        s[layout.slab(slot).live] != V(constant: 0)
    }

    /// Every `avail` within `0...limit`, and the run did not stop at an access outside an array's
    /// entries (a write past `limit` is where `avail` would have left its bounds).
    public func availBounds<V: ModelValue>(_ s: SlabState<V>) -> V.Condition {
        var ok = V.Condition(constant: true)
        for ac in (0..<config.cpus).map(layout.ac) + [layout.shared] {
            ok = ok.and((s[ac.avail] >= V(constant: 0)).and(s[ac.avail] <= s[ac.limit]))
        }
        for crash in Crash.allCases where crash.isOutOfBounds {
            ok = ok.and(s[layout.crash] != V(constant: crash.rawValue))
        }
        return ok
    }

    /// No `BUG_ON` has fired: the run did not end at one of the kernel's `BUG_ON` sites.
    public func noBug<V: ModelValue>(_ s: SlabState<V>) -> V.Condition {
        var bug = V.Condition(constant: false)
        for crash in Crash.allCases where crash.isBugOn {
            bug = bug.or(s[layout.crash] == V(constant: crash.rawValue))
        }
        return bug.negated
    }

    public func inuseBounds<V: ModelValue>(_ s: SlabState<V>) -> V.Condition {
        var ok = V.Condition(constant: true)
        for slot in 0..<config.pages {
            let inuse = s[layout.slab(slot).inuse]
            let inRange = (inuse >= V(constant: 0)).and(inuse <= V(constant: config.num))
            ok = ok.and(isLive(s, slot).negated.or(inRange))
        }
        return ok
    }

    /// A slab's free chain, walked from `free` for at most `num + 1` links: `complete` when it
    /// reaches `BUFCTL_END` without leaving the slab or revisiting an index.
    struct Chain<V: ModelValue> {
        var complete: V.Condition
        /// Whether object index `i` was visited (meaningful where `complete`).
        var onChain: [V.Condition]
        var length: V
    }

    func chain<V: ModelValue>(_ s: SlabState<V>, slot: Int) -> Chain<V> {
        typealias C = V.Condition
        let slab = layout.slab(slot)
        let num = config.num
        let end = V(constant: layout.end)
        var done = C(constant: false)
        var failed = C(constant: false)
        var on = Array(repeating: C(constant: false), count: num)
        var length = V(constant: 0)
        var index = s[slab.free]
        for _ in 0...num {
            if done.constantValue == true || failed.constantValue == true { break }
            let active = done.or(failed).negated
            let atEnd = index == end
            done = done.or(active.and(atEnd))
            let moving = active.and(atEnd.negated)
            var valid = C(constant: false)
            if let k = index.constantValue {
                if (0..<num).contains(k) { valid = on[k].negated }
            } else {
                for i in 0..<num { valid = valid.or((index == V(constant: i)).and(on[i].negated)) }
            }
            failed = failed.or(moving.and(valid.negated))
            let step = moving.and(valid)
            if let k = index.constantValue {
                if (0..<num).contains(k) { on[k] = on[k].or(step) }
            } else {
                for i in 0..<num { on[i] = on[i].or(step.and(index == V(constant: i))) }
            }
            length = length + V.select(step, V(constant: 1), V(constant: 0))
            if step.constantValue != false {
                index = V.select(step, V.load(s.cells, base: slab.bufctl, count: num, at: index), index)
            }
        }
        return Chain(complete: done.and(failed.negated), onChain: on, length: length)
    }

    public func inuseMatchesFreelist<V: ModelValue>(_ s: SlabState<V>) -> V.Condition {
        var ok = V.Condition(constant: true)
        for slot in 0..<config.pages {
            let live = isLive(s, slot)
            if live.constantValue == false { continue }
            let walk = chain(s, slot: slot)
            let matches = walk.complete.and(walk.length == V(constant: config.num) - s[layout.slab(slot).inuse])
            ok = ok.and(live.negated.or(matches))
        }
        return ok
    }

    /// Which lists hold `slot`, once per appearance (a diagnostic; `listPlacement` is the property).
    public func lists(holding slot: Int, in s: SlabState<Int>) -> [SlabList] {
        SlabList.allCases.flatMap { list -> [SlabList] in
            let l = layout.list(list)
            let count = min(max(s[l.count], 0), config.pages)
            return (0..<count).filter { s[l.slots + $0] == slot }.map { _ in list }
        }
    }

    /// Every live slab on the one list its `inuse` names, every dead slab on none. `taking` names
    /// a slab `takeObjects` is half way through: it stays on the list it was found on (partial
    /// or free) until the loop ends, whatever its `inuse` says by then.
    public func listPlacement<V: ModelValue>(_ s: SlabState<V>, taking: Int? = nil) -> V.Condition {
        typealias C = V.Condition
        let one = V(constant: 1)
        let zero = V(constant: 0)
        var ok = C(constant: true)
        for list in SlabList.allCases {
            let count = s[layout.list(list).count]
            ok = ok.and((count >= zero).and(count <= V(constant: config.pages)))
        }
        for slot in 0..<config.pages {
            // How often each list holds the slot.
            let occurrences: [V] = SlabList.allCases.map { list in
                let l = layout.list(list)
                var n = zero
                for i in 0..<config.pages {
                    let present = V(constant: i) < s[l.count]
                    if present.constantValue == false { break }
                    n = n + V.select(present.and(s[l.slots + i] == V(constant: slot)), one, zero)
                }
                return n
            }
            let live = isLive(s, slot)
            let inuse = s[layout.slab(slot).inuse]
            let isFull = inuse == V(constant: config.num)
            let isFree = isFull.negated.and(inuse == zero)
            let isPartial = isFull.negated.and(isFree.negated)
            var expected: [SlabList: C] = [.partial: isPartial, .full: isFull, .free: isFree]
            if slot == taking {
                let wasFree = occurrences[SlabList.free.rawValue] == one
                expected = [.partial: wasFree.negated, .full: C(constant: false), .free: wasFree]
            }
            var placed = C(constant: true)
            var nowhere = C(constant: true)
            for (list, n) in zip(SlabList.allCases, occurrences) {
                placed = placed.and(n == V.select(expected[list] ?? C(constant: false), one, zero))
                nowhere = nowhere.and(n == zero)
            }
            ok = ok.and(live.and(placed).or(live.negated.and(nowhere)))
        }
        return ok
    }

    /// `free_objects == Σ (num − inuse)` over live slabs, as 64-bit words (so a wrapped count is
    /// compared bit for bit). `pending` objects have left their slabs and are still counted: the
    /// refill decrements `free_objects` only once its batch loop is done.
    public func freeObjectsExact<V: ModelValue>(_ s: SlabState<V>, pending: V? = nil) -> V.Condition {
        var sum = pending ?? V(constant: 0)
        for slot in 0..<config.pages {
            sum = sum + V.select(isLive(s, slot), V(constant: config.num) - s[layout.slab(slot).inuse], V(constant: 0))
        }
        return s[layout.freeObjects] == sum
    }

    /// How many places `visitPlaces` visits at most: `conservation`'s formula compares each with
    /// every object, so its size is `objects` times this.
    public var placeCount: Int {
        let arrays = config.cpus * layout.entryCapacity + layout.sharedCapacity
        return layout.objects + arrays + layout.objects * StateCodec.maxHolders
    }

    /// Where `free_block` is, half way through giving an array's objects back to their slabs:
    /// the places an object can be in then are not quite those between steps.
    public struct Freeing<V> {
        /// The array `free_block` reads.
        public var array: ArrayCacheRef
        /// How many of its first entries are back on their slabs: the array still lists them
        /// until the loop is done, but they are no longer its.
        public var freed: V
        /// The object `__cache_free` was handed, which no caller holds any more and no place has
        /// yet: it goes into the array once the flush has made room.
        public var inHand: Int?

        public init(array: ArrayCacheRef, freed: V, inHand: Int?) {
            self.array = array
            self.freed = freed
            self.inHand = inHand
        }
    }

    /// Calls `place` with each place's object and whether that place holds it; half way through
    /// `free_block`, as `freeing` says.
    func visitPlaces<V: ModelValue>(
        _ s: SlabState<V>, freeing: Freeing<V>? = nil, _ place: (V, V.Condition) -> Void
    ) {
        for slot in 0..<config.pages {
            let live = isLive(s, slot)
            if live.constantValue == false { continue }
            let walk = chain(s, slot: slot)
            for i in 0..<config.num {
                place(V(constant: slot * config.num + i), live.and(walk.complete).and(walk.onChain[i]))
            }
        }
        for ac in (0..<config.cpus).map(layout.ac) + [layout.shared] {
            for i in 0..<ac.capacity {
                var present = V(constant: i) < s[ac.avail]
                if present.constantValue == false { break }
                if let freeing, freeing.array.base == ac.base {
                    present = present.and((V(constant: i) < freeing.freed).negated)
                }
                place(s[ac.entries + i], present)
            }
        }
        if let object = freeing?.inHand { place(V(constant: object), V.Condition(constant: true)) }
        // Holders are counted (an object handed out twice is held twice): one place per holder, up
        // to the most a packed state can hold.
        for object in 0..<layout.objects {
            for holder in 1...StateCodec.maxHolders {
                place(V(constant: object), s[layout.held(object)] >= V(constant: holder))
            }
        }
    }

    /// Each object of each live slab is in exactly one place, and no place holds anything else.
    ///
    /// "Exactly one" is counted with two flags per object (seen, seen again), not a sum: the same
    /// answer, but the SAT solver gets two Booleans per place where a sum gave it an adder
    /// (BMC found small's shared-wrong-end in 30 s instead of 83 s). The result is one clause per
    /// object and flag, not one per slab, so induction's step case, which checks each top-level
    /// part on its own, asks about one object at a time.
    public func conservation<V: ModelValue>(_ s: SlabState<V>, freeing: Freeing<V>? = nil) -> V.Condition {
        typealias C = V.Condition
        let num = config.num
        let live = (0..<config.pages).map { isLive(s, $0) }
        var seen = Array(repeating: C(constant: false), count: layout.objects)
        var again = Array(repeating: C(constant: false), count: layout.objects)
        func count(_ o: Int, _ here: C) {
            again[o] = again[o].or(seen[o].and(here))
            seen[o] = seen[o].or(here)
        }
        var stray = C(constant: false)
        visitPlaces(s, freeing: freeing) { object, present in
            if present.constantValue == false { return }
            if let k = object.constantValue {
                if (0..<layout.objects).contains(k) {
                    count(k, present.and(live[k / num]))
                    stray = stray.or(present.and(live[k / num].negated))
                } else {
                    stray = stray.or(present)
                }
                return
            }
            var placed = C(constant: false)
            for o in 0..<layout.objects {
                let here = (object == V(constant: o)).and(live[o / num])
                count(o, present.and(here))
                placed = placed.or(here)
            }
            stray = stray.or(present.and(placed.negated))
        }
        var ok = stray.negated
        for o in 0..<layout.objects {
            let dead = live[o / num].negated
            ok = ok.and(dead.or(seen[o])).and(dead.or(again[o].negated))
        }
        return ok
    }
}

extension SlabProperties {
    /// `conservation`'s negation with one witness: `w` is an object of a live slab that no place
    /// holds, or that two places hold. `conservation` fails exactly where `strayPlace` holds or
    /// some `w` satisfies this, so a solver asked with `w` free looks at one object's places, not
    /// at every object's (the negation of `conservation` itself is a disjunction over objects).
    public func conservationBroken<V: ModelValue>(_ s: SlabState<V>, witness w: V, freeing: Freeing<V>? = nil)
        -> V.Condition
    {
        typealias C = V.Condition
        var object = (w >= V(constant: 0)).and(w < V(constant: layout.objects))
        var live = C(constant: false)
        for slot in 0..<config.pages {
            let first = V(constant: slot * config.num)
            let inSlot = (w >= first).and(w < first + V(constant: config.num))
            live = live.or(inSlot.and(isLive(s, slot)))
        }
        object = object.and(live)
        var seen = C(constant: false)
        var again = C(constant: false)
        visitPlaces(s, freeing: freeing) { value, present in
            if present.constantValue == false { return }
            let here = present.and(value == w)
            again = again.or(seen.and(here))
            seen = seen.or(here)
        }
        return object.and(seen.negated.or(again))
    }

    /// `conservation` fails, read with one witness: a place is stray, or `w` is an object in no
    /// place or in two. With `w` free, this is satisfiable exactly where `conservation` fails.
    public func conservationFails<V: ModelValue>(_ s: SlabState<V>, witness w: V, freeing: Freeing<V>? = nil)
        -> V.Condition
    {
        strayPlace(s, freeing: freeing).or(conservationBroken(s, witness: w, freeing: freeing))
    }

    /// Some place holds what is no object of a live slab: `conservation`'s other way to fail.
    public func strayPlace<V: ModelValue>(_ s: SlabState<V>, freeing: Freeing<V>? = nil) -> V.Condition {
        typealias C = V.Condition
        let live = (0..<config.pages).map { isLive(s, $0) }
        var stray = C(constant: false)
        visitPlaces(s, freeing: freeing) { value, present in
            if present.constantValue == false { return }
            var owned = C(constant: false)
            for slot in 0..<config.pages {
                let first = V(constant: slot * config.num)
                let inSlot = (value >= first).and(value < first + V(constant: config.num))
                owned = owned.or(inSlot.and(live[slot]))
            }
            stray = stray.or(present.and(owned.negated))
        }
        return stray
    }
}
