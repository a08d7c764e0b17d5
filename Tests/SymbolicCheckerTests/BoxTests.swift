import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

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

    /// A run's rounds keep each box the hull of what its steps reach; widening, which makes the
    /// analysis converge, would put in states no run reaches, whose paths every later depth
    /// explores and refutes. On tiny some cell still grows four steps into a run, and the
    /// converged box has widened it.
    @Test func theBoxesOfARunAreHullsWhereTheConvergedOneIsWidened() throws {
        let model = SlabModel(configuration: Configs.tiny, variant: .seed)
        let run = try TransitionSystem(model: model, context: Context()).box(afterSteps: 4, deadline: .none)
        let converged = try TransitionSystem(model: model, context: Context()).box(afterSteps: nil, deadline: .none)
        let layout = model.layout
        let wider = (0..<layout.cellCount).filter { c in
            !(converged.ranges[c].contains(run.ranges[c].lowerBound)
                && converged.ranges[c].contains(run.ranges[c].upperBound))
        }
        #expect(wider.isEmpty, "cells \(wider) are wider four steps into a run than in the converged box")
        let narrower = (0..<layout.cellCount).filter { run.ranges[$0] != converged.ranges[$0] }
        #expect(!narrower.isEmpty)
    }

    /// Asking for the converged relation after a run's rounds widens only the rounds still to
    /// run: the early ones, which BMC's unrolling already holds, stay as they were.
    @Test func convergingAfterARunsRoundsLeavesThemAsTheyWere() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
        let early = try (0...3).map { try system.box(afterSteps: $0, deadline: .none) }
        _ = try system.box(afterSteps: nil, deadline: .none)
        #expect(system.report.fixpoint != nil)
        #expect(try (0...3).map { try system.box(afterSteps: $0, deadline: .none) } == early)
    }
}
