import ExplicitChecker
import SymbolicChecker

/// The one dispatch from a request to an engine.
public enum Checking {
    /// A check's result, with the engine's own words for each verdict (a proof's method, an
    /// `unknown`'s reason) in `notes`.
    public struct Outcome {
        public var result: SpecResult
        public var notes: [String]
    }

    /// Checks `request` with `engine`: `depth` is BMC's deepest unrolling and induction's largest
    /// k, `timeout` the Z3 engines' time; `progress` hears from the explicit engine,
    /// `symbolicProgress` from the Z3 engines.
    public static func check(
        _ request: CheckRequest, engine: Engine, depth: Int, timeout: Double?,
        progress: (@Sendable (ExplicitStatistics) -> Void)? = nil,
        symbolicProgress: ((SymbolicProgress) -> Void)? = nil
    ) throws -> Outcome {
        switch engine {
        case .explicit: Outcome(result: try ExplicitRun.check(request, progress: progress), notes: [])
        case .bmc, .induction:
            try SymbolicRun.check(
                request, engine: engine, depth: depth, timeout: timeout, progress: symbolicProgress)
        }
    }
}
