import CrossChecking
import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

/// A variable whose values a range bounds gets only the bits the range needs, extended to a
/// cell's width, so the SAT solver sees the upper bits as constants. The cross-check against BFS
/// (`CrossCheckTests`) and the state counts by blocking (`ReachableStateTests`) run on these
/// frames, and `ParallelRoundTests` compares narrowed pruners with one that is not.
@Suite struct NarrowingTests {
    @Test(arguments: [
        (0...1, 1), (0...3, 2), (2...5, 3), (0...127, 7), (-1...0, 1), (-1...1, 2), (-4...3, 3), (-64...63, 7),
    ])
    func aRangeNeedsTheFewestBitsThatHoldItsValuesExtended(range: ClosedRange<Int>, bits: Int) {
        #expect(EncodingWidth.narrowBits(for: range, cellBits: 8) == bits)
    }

    @Test(arguments: [0...128, -65...0, -128...127, SymbolicValue.fullRange])
    func aRangeThatNeedsEveryBitIsNotNarrowed(range: ClosedRange<Int>) {
        #expect(EncodingWidth.narrowBits(for: range, cellBits: 8) == nil)
    }

    /// Extended with its sign where the range has negative values, with zeros elsewhere: every
    /// value of the narrow variable is the cell's value it stands for.
    @Test func anExtendedNarrowVariableTakesExactlyTheValuesOfItsBits() throws {
        let context = try Context()
        for range in [-4...3, 0...5] {
            let n = try #require(EncodingWidth.narrowBits(for: range, cellBits: 8))
            let x = try context.bitVectorConstant("x", width: n)
            let cell = try EncodingWidth.extend(x, for: range, cellBits: 8)
            #expect(cell.bitWidth == 8)
            for value in range {
                let narrow = try context.bitVector(UInt64(bitPattern: Int64(value)) & ((1 << n) - 1), width: n)
                let wide = try context.bitVector(UInt64(bitPattern: Int64(value)) & 0xFF, width: 8)
                #expect(try cell.substitute([(x, narrow)]).simplify() == wide, "\(value) in \(range)")
            }
        }
    }

    /// Frames of a run from the initial state hold their round's outcomes, ended runs included,
    /// and induction's first step-case frame takes a step, so the hypothesis puts it in the
    /// converged box: their free cells are narrow. Any other frame of any reachable state keeps
    /// every bit, since Z3 proves its ranges rather than being given them.
    @Test func framesOfARunAndOfAStateTakingAStepAreNarrowAndOtherFramesAreNot() throws {
        let system = try TransitionSystem(
            model: SlabModel(configuration: Configs.tiny, variant: .seed), context: Context())
        let bits = system.width.bits
        func narrowCells(_ frame: Frame) -> Int {
            frame.cells.compactMap { $0 }.filter { $0.arguments.first?.bitWidth.map { $0 < bits } ?? false }.count
        }
        for frame in [
            try system.frame(step: 3, prefix: "x"), try system.frame(anyReachableTakingAStep: 0, prefix: "y"),
        ] {
            #expect(narrowCells(frame) > 0)
            #expect(frame.cells.allSatisfy { $0.map { $0.bitWidth == bits } ?? true })
        }
        let any = try system.frame(anyReachable: 1, prefix: "y")
        #expect(any.cells.allSatisfy { x in x.map { $0.arguments.isEmpty && $0.bitWidth == bits } ?? true })
    }
}
