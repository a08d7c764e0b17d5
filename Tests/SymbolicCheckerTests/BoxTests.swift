import SlabModel
@testable import SymbolicChecker
import Testing
import Z3Kit

/// What the interval analysis's boxes fix: a cell a box fixes is a constant, and a step from it
/// does not branch on that cell.
@Suite struct BoxTests {
    /// A dead slab's `bufctl` already holds the chain a grow writes, so until a free relinks a
    /// chain each `bufctl` cell stays one value, and the refill walks a constant free list where
    /// it would otherwise split on each link (on the kernel-size configuration, at every index).
    @Test func bufctlCellsStayConstantUntilAFreeRelinksAChain() throws {
        let model = SlabModel(configuration: Configs.medium, variant: .seed)
        let system = try TransitionSystem(model: model, context: Context())
        let layout = model.layout
        let cells = (0..<layout.config.pages).flatMap { slot in
            (0..<layout.config.num).map { layout.slab(slot).bufctl + $0 }
        }
        for steps in 0...2 {
            let box = try system.box(afterSteps: steps, deadline: .none)
            let ranged = cells.filter { box.constant($0) == nil }
            #expect(ranged.isEmpty, "after \(steps) steps, bufctl cells \(ranged) are ranges")
        }
    }
}
