import SlabModel
import Z3Kit

/// How many bits the encoding gives each cell: as few as keep it exact, because the solver
/// blasts every adder and comparator to that many bits (on tiny, depth 6 takes 13.7 s at 8 bits,
/// 23 s at 16 and 39 s at 32).
///
/// Exactness. Every cell but `free_objects` lies in its packed range (outside it the state is
/// `corrupt` and the run ends) and every number a step computes from those is within a few of
/// them. `free_objects` (C's `unsigned long`) has no range: it is exact while it stays inside the
/// *band* `±2^(width−2)`, because no step moves it by as much as `maxStepChange` < `2^(width−2)`,
/// so no sum a step computes from a state in the band wraps, and a `width`-bit value in the band
/// is the 64-bit value. The engines check the band as they go: BMC asks at every depth whether a
/// state leaves it (and stops `unknown` if one does), and induction keeps it as a conjunct it
/// must prove. Every counterexample is also replayed on the 64-bit concrete model.
public struct EncodingWidth: Sendable {
    public let bits: Int
    /// `free_objects` is exact while `-band < free_objects < band`.
    public let band: Int

    init(bits: Int, band: Int) {
        self.bits = bits
        self.band = band
    }

    public init(layout: Layout, codec: StateCodec) {
        let config = layout.config
        // The refill's loops count their passes up to their bounds (`pages + 1`, `num + 2`).
        var largest = max(
            layout.objects + 1, layout.entryCapacity, layout.sharedCapacity, config.passBudget, config.num + 2)
        for (_, range) in codec.cellRanges { largest = max(largest, abs(range.lowerBound), abs(range.upperBound)) }
        largest = max(largest, Self.maxStepChange(layout))
        var bits = 2
        while (1 << (bits - 2)) <= largest { bits += 1 }
        self.bits = bits
        band = 1 << (bits - 2)
    }

    /// More than one step can change `free_objects` by: each refill pass takes at most an array's
    /// worth, `free_block` returns at most an array's worth and destroys at most a slab per object,
    /// a grow adds a slab, reap and tune free every array and destroy every slab.
    static func maxStepChange(_ layout: Layout) -> Int {
        let config = layout.config
        let arrays = config.cpus * layout.entryCapacity + layout.sharedCapacity
        let perPass = layout.entryCapacity + config.num
        return (config.passBudget + 1) * perPass + arrays * (config.num + 1) + config.pages * config.num
    }
}

extension EncodingWidth {
    /// The fewest bits that hold every value of `range` once extended to a cell's `bits` (with
    /// its sign when the range has negative values); nil when it needs every bit.
    ///
    /// A variable that is a range's narrow variable, extended, gives the SAT solver its upper bits
    /// as constants, which fold through every adder and comparator built on it. Bounding a full
    /// width variable by the range instead leaves the solver to learn those bits clause by
    /// clause: on small, BMC finds shared-counts-free's and shared-wrong-end's counterexamples
    /// in two thirds of the time, and on the kernel-size configuration the pruner's calls of
    /// step 2 answer within their limit, which drops that step's paths from 1,458 to 814.
    static func narrowBits(for range: ClosedRange<Int>, cellBits bits: Int) -> Int? {
        for n in 1..<bits {
            let fits =
                range.lowerBound < 0
                ? range.lowerBound >= -(1 << (n - 1)) && range.upperBound < 1 << (n - 1)
                : range.upperBound < 1 << n
            if fits { return n }
        }
        return nil
    }

    /// `narrow`, a variable of `narrowBits(for: range, cellBits: bits)` bits, as a cell's value.
    static func extend(_ narrow: Term, for range: ClosedRange<Int>, cellBits bits: Int) throws(Z3Error) -> Term {
        guard let n = narrow.bitWidth, n < bits else { return narrow }
        return range.lowerBound < 0 ? try narrow.signExtend(by: bits - n) : try narrow.zeroExtend(by: bits - n)
    }
}
