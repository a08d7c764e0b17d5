import ModelKit

/// MODEL.md §4's state properties, judged on a concrete state between steps.
///
/// These are the kernel's own consistency checks (`s_show`'s accounting errors, `check_slabp`)
/// made into predicates. Each walks only what it needs and tolerates any corruption a mutant can
/// produce (cycles in a free list, a slab on two lists), because a property that traps on a broken
/// state would hide exactly the states worth reporting.
public struct SlabProperties: Sendable {
    public let layout: Layout

    public init(layout: Layout) { self.layout = layout }

    var config: Configuration { layout.config }

    /// The state properties `s` breaks.
    public func violations(in s: SlabState<Int>) -> PropertySet {
        var broken: PropertySet = []
        if !availBounds(s) { broken.insert(BuiltInProperty.availBounds.set) }
        if let crash = Crash(rawValue: s[layout.crash]), crash.isBugOn { broken.insert(BuiltInProperty.noBug.set) }
        if !inuseBounds(s) { broken.insert(BuiltInProperty.inuseBounds.set) }
        if !inuseMatchesFreelist(s) { broken.insert(BuiltInProperty.inuseMatchesFreelist.set) }
        if !listPlacement(s) { broken.insert(BuiltInProperty.listPlacement.set) }
        if !freeObjectsExact(s) { broken.insert(BuiltInProperty.freeObjectsExact.set) }
        if !conservation(s) { broken.insert(BuiltInProperty.conservation.set) }
        return broken
    }

    func liveSlots(_ s: SlabState<Int>) -> [Int] {
        (0..<config.pages).filter { s[layout.slab($0).live] != 0 }
    }

    public func availBounds(_ s: SlabState<Int>) -> Bool {
        let arrays = (0..<config.cpus).map(layout.ac) + [layout.shared]
        return arrays.allSatisfy { s[$0.avail] >= 0 && s[$0.avail] <= s[$0.limit] }
    }

    public func inuseBounds(_ s: SlabState<Int>) -> Bool {
        liveSlots(s).allSatisfy { (0...config.num).contains(s[layout.slab($0).inuse]) }
    }

    /// The object indices on a slab's free chain, in order; nil when the chain leaves the slab,
    /// revisits an index, or does not reach `BUFCTL_END` within `num` links.
    public func freeChain(_ s: SlabState<Int>, slot: Int) -> [Int]? {
        let slab = layout.slab(slot)
        var chain: [Int] = []
        var seen = Set<Int>()
        var index = s[slab.free]
        while index != layout.end {
            guard (0..<config.num).contains(index), seen.insert(index).inserted else { return nil }
            chain.append(index)
            index = s[slab.bufctl + index]
        }
        return chain
    }

    public func inuseMatchesFreelist(_ s: SlabState<Int>) -> Bool {
        liveSlots(s).allSatisfy { slot in
            freeChain(s, slot: slot)?.count == config.num - s[layout.slab(slot).inuse]
        }
    }

    /// Which lists hold `slot`, once per appearance.
    public func lists(holding slot: Int, in s: SlabState<Int>) -> [SlabList] {
        SlabList.allCases.flatMap { list -> [SlabList] in
            let l = layout.list(list)
            let count = min(max(s[l.count], 0), config.pages)
            return (0..<count).filter { s[l.slots + $0] == slot }.map { _ in list }
        }
    }

    public func listPlacement(_ s: SlabState<Int>) -> Bool {
        for list in SlabList.allCases where !(0...config.pages).contains(s[layout.list(list).count]) {
            return false
        }
        return (0..<config.pages).allSatisfy { slot in
            let on = lists(holding: slot, in: s)
            guard s[layout.slab(slot).live] != 0 else { return on.isEmpty }
            let inuse = s[layout.slab(slot).inuse]
            let expected: SlabList = inuse == config.num ? .full : inuse == 0 ? .free : .partial
            return on == [expected]
        }
    }

    public func freeObjectsExact(_ s: SlabState<Int>) -> Bool {
        let expected = liveSlots(s).reduce(UInt64(0)) { sum, slot in
            sum &+ UInt64(bitPattern: Int64(config.num - s[layout.slab(slot).inuse]))
        }
        return UInt64(bitPattern: Int64(s[layout.freeObjects])) == expected
    }

    /// Every place that holds an object, with repeats: free chains, arrays, callers' hands.
    public func placements(_ s: SlabState<Int>) -> (counts: [Int], strays: Int) {
        var counts = Array(repeating: 0, count: layout.objects)
        var strays = 0
        func place(_ object: Int) {
            if (0..<layout.objects).contains(object), s[layout.slab(object / config.num).live] != 0 {
                counts[object] += 1
            } else {
                strays += 1
            }
        }
        for slot in liveSlots(s) {
            for index in freeChain(s, slot: slot) ?? [] { place(slot * config.num + index) }
        }
        for ac in (0..<config.cpus).map(layout.ac) + [layout.shared] {
            for i in 0..<min(max(s[ac.avail], 0), ac.capacity) { place(s[ac.entries + i]) }
        }
        for object in 0..<layout.objects {
            for _ in 0..<max(0, s[layout.held(object)]) { place(object) }
        }
        return (counts, strays)
    }

    public func conservation(_ s: SlabState<Int>) -> Bool {
        let (counts, strays) = placements(s)
        guard strays == 0 else { return false }
        return liveSlots(s).allSatisfy { slot in
            (0..<config.num).allSatisfy { counts[slot * config.num + $0] == 1 }
        }
    }
}
