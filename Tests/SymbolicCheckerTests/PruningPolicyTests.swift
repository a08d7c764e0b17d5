import SlabModel
import Testing
import Z3Kit

@testable import SymbolicChecker

/// BMC prunes with `conservation` while its formula is small, and not on the kernel's sizes.
@Suite struct PruningPolicyTests {
    @Test func bmcPrunesWithConservationOnMediumButNotOnTheKernelSizes() throws {
        let all = SlabProperties.stateProperties
        let medium = BoundedModelChecker(
            system: try TransitionSystem(
                model: SlabModel(configuration: Configs.medium, variant: .seed), context: Context()))
        #expect(medium.prunedWith(all) == all)
        let kernel = BoundedModelChecker(
            system: try TransitionSystem(model: SlabModel(configuration: .kernel, variant: .seed), context: Context()))
        #expect(kernel.prunedWith(all) == all.filter { $0 != .conservation })
    }
}
