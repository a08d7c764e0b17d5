import SlabModel
import SlabProperty
import SlabTrace

extension SlabTrace {
    /// The user's property this trace is a counterexample for, read back from its
    /// `#meta.propertySource` with the spec parser and bound on the trace's own configuration, so
    /// that `show` and `replay` judge it as `check` did; nil for a built-in property or a run.
    ///
    /// Throws, naming `file`, for a text that does not parse, a property that cannot be judged on
    /// the trace's configuration, and a trace that names a property it does not define.
    public func userProperty(file: String) throws(TraceError) -> Property? {
        guard let name = origin.property else { return nil }
        guard let source = origin.propertySource else {
            guard BuiltInProperty(rawValue: name) != nil else {
                throw TraceError(
                    "\(file): #meta.property: `\(name)` is not a built-in property, and the trace does not define it")
            }
            return nil
        }
        let formula: Formula
        do {
            formula = try PropertySource.formula(source)
        } catch {
            throw TraceError("\(file): #meta.propertySource: column \(error.column): \(error.message)")
        }
        let property = Property.inferred(name, formula, source: source)
        do {
            _ = try PropertyModel(
                SlabModel(configuration: origin.configuration, variant: origin.variant), properties: [property])
        } catch {
            throw TraceError("\(file): #meta.propertySource: \(error.description)")
        }
        return property
    }
}
