import ArgumentParser
import SlabChecker

/// What `--engine` names: one engine, or all of them on the same spec (where they must agree).
enum EngineChoice: String, CaseIterable, ExpressibleByArgument {
    case explicit, bmc, induction, all

    /// The engines to run, in the order their verdicts are combined (`SpecResult.combined`).
    var engines: [Engine] {
        switch self {
        case .explicit: [.explicit]
        case .bmc: [.bmc]
        case .induction: [.induction]
        case .all: Engine.allCases
        }
    }
}
