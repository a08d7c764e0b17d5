import SlabTrace
import TestSupport

/// A committed counterexample trace, by file name (`committedTraceNames`).
func committedTrace(_ name: String) throws -> SlabTrace {
    try SlabTrace.read(path: packageRoot.appendingPathComponent("Counterexamples/\(name)").path)
}
