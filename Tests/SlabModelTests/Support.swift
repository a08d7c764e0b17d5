import ExplicitChecker
import ModelKit
import SlabModel
import Testing

let tiny = Configuration.tiny
let small = Configuration.small

/// Runs `actions` from the initial state, requiring each to be enabled where it is taken.
func run(
    _ actions: [SlabAction], on model: SlabModel, from start: SlabState<Int>? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> (state: SlabState<Int>, last: StepOutcome<Int>?) {
    var state = start ?? .initial(model.layout)
    var last: StepOutcome<Int>?
    for action in actions {
        let outcome = try #require(
            model.step(action, from: state), "\(action) is not enabled", sourceLocation: sourceLocation)
        state = outcome.state
        last = outcome
    }
    return (state, last)
}

/// A hand-built state: a few live slabs and array contents set directly, so a test can start a
/// step exactly where the behaviour it pins down happens.
struct StateBuilder {
    let layout: Layout
    var state: SlabState<Int>

    init(_ model: SlabModel) {
        layout = model.layout
        state = .initial(model.layout)
    }

    /// A live slab in `slot` with the given free list, on `list` (at its tail).
    mutating func slab(_ slot: Int, freeList: [Int], on list: SlabList) {
        let slab = layout.slab(slot)
        state[slab.live] = 1
        state[slab.inuse] = layout.config.num - freeList.count
        state[slab.free] = freeList.first ?? layout.end
        for (i, index) in freeList.enumerated() {
            state[slab.bufctl + index] = i + 1 < freeList.count ? freeList[i + 1] : layout.end
        }
        let l = layout.list(list)
        state[l.slots + state[l.count]] = slot
        state[l.count] += 1
    }

    mutating func array(_ ac: ArrayCacheRef, _ objects: [Int]) {
        state[ac.avail] = objects.count
        for (i, o) in objects.enumerated() { state[ac.entries + i] = o }
    }

    mutating func held(_ objects: [Int]) {
        for o in objects { state[layout.held(o)] = 1 }
    }

    mutating func set(_ cell: Int, _ value: Int) { state[cell] = value }
}

/// Breadth-first search of `config` with every property judged.
func explore(_ config: Configuration, _ variant: Variant, symmetry: Symmetry = .all, maxDepth: Int? = nil)
    throws -> ExplicitResult<SlabModel>
{
    let model = SlabModel(configuration: config, variant: variant)
    let options = ExplicitOptions(
        properties: .all(count: BuiltInProperty.allCases.count), maxDepth: maxDepth, symmetry: symmetry)
    return try ExplicitChecker(model: model, options: options).run()
}
