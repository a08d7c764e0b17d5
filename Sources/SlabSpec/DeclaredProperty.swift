import SlabProperty

/// A spec's own property (`property: name = expression`), with the line that defined it.
public struct DeclaredProperty: Hashable, Sendable {
    public var name: String
    public var formula: Formula
    public var location: SourceLocation
    /// The expression as written after `=`, which traces record.
    public var source: String?

    public init(name: String, formula: Formula, location: SourceLocation, source: String? = nil) {
        self.name = name
        self.formula = formula
        self.location = location
        self.source = source
    }

    /// A step property when the expression reads the step, else a state property.
    public var property: Property { .inferred(name, formula, source: source) }
}
