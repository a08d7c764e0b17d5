import SlabModel

/// One check to run: a cache configuration, which refill to run on it, what to check, how far to
/// look, and what the author expects to find.
///
/// Keeping the expectation in the spec makes every spec a self-judging test: the seed's specs
/// expect `holds`, each mutant's spec expects the property its bug breaks, and a checker run
/// passes or fails without a human reading the output.
public struct Spec: Hashable, Sendable {
    public var name: String
    /// The file the spec came from, as given; error messages and reports use it.
    public var path: String
    public var configuration: Configuration
    public var variant: Variant
    /// In the order written; `check: all` gives `BuiltInProperty.allCases`, in that order.
    public var properties: [BuiltInProperty]
    /// The spec's own properties that `check:` names (all of them for `check: all`), judged
    /// after the built-in ones.
    public var userProperties: [DeclaredProperty] = []
    /// Every `property:` line, checked or not, so that `--property` may name any of them.
    public var declaredProperties: [DeclaredProperty] = []
    public var bounds: Bounds
    public var expectation: Expectation
    /// The key of each directive the file wrote (`"cpus"`, `"events"`, `"expect"`, …; for `tune`
    /// the first `tune:` line), so that later tools can point back at what a result depends on.
    public var locations: [String: SourceLocation]
    /// The key of every `tune:` line: line `k` set `configuration.tuning[k]`.
    public var tuneLocations: [SourceLocation]
    /// The branches an exploration must reach (`cover:`); a check that misses one fails.
    public var cover: [Branch] = []
    /// Where each of `cover` was written, in the same order.
    public var coverLocations: [SourceLocation] = []

    public init(
        name: String, path: String, configuration: Configuration, variant: Variant,
        properties: [BuiltInProperty], bounds: Bounds = Bounds(), expectation: Expectation,
        locations: [String: SourceLocation] = [:], tuneLocations: [SourceLocation] = []
    ) {
        self.name = name
        self.path = path
        self.configuration = configuration
        self.variant = variant
        self.properties = properties
        self.bounds = bounds
        self.expectation = expectation
        self.locations = locations
        self.tuneLocations = tuneLocations
    }

    /// Parses a spec's text; `path` is used for messages and for the default `name`.
    ///
    /// Throws every error in the file, in file order.
    public static func parse(_ text: String, path: String) throws(SpecErrors) -> Spec {
        var parser = SpecParser(path: path)
        return try parser.parse(text).get()
    }

    /// Parses a spec's raw bytes. Bytes that are not UTF-8 are an error (reported at the first
    /// bad byte, with the file's other errors), never a crash.
    public static func parse(bytes: some Sequence<UInt8>, path: String) throws(SpecErrors) -> Spec {
        let decoded = LossyUTF8(bytes)
        var parser = SpecParser(path: path)
        if let first = decoded.firstInvalid {
            parser.report(
                "not valid UTF-8: \(decoded.invalidCount) malformed byte sequence(s), the first here;"
                    + " a spec must be UTF-8 text",
                at: first)
        }
        return try parser.parse(decoded.text).get()
    }

    /// A spec without `name:` is named after its file: `specs/tiny.spec` is `tiny`.
    public static func defaultName(forPath path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".spec") ? String(base.dropLast(".spec".count)) : base
    }
}
