/// The keys a spec line may start with.
///
/// Raw values are what the author writes; configuration keys are spelled like the
/// `Configuration` field they set, so that a `ConfigurationProblem`'s field names its line.
enum DirectiveKey: String, CaseIterable {
    case name, cpus, num, limit, batchcount, sharedLimit, batchRefillLimit, freeLimit, pages, tasks
    case config, variant, events, tune, property, check, bound, expect, cover

    /// The cache's numbers, which have no default of their own: a silent default for, say,
    /// `pages` would make a spec check a different cache than its author meant. A `config:` line
    /// names a configuration that supplies them all. (`variant`, `check` and `expect` default to
    /// `seed`, `all` and `holds`: the check most specs want.)
    static let required: [DirectiveKey] = [
        .cpus, .num, .limit, .batchcount, .sharedLimit, .batchRefillLimit, .freeLimit, .pages,
    ]

    /// `tune:` adds one tuning per line and `property:` one property; every other key may appear once.
    var isRepeatable: Bool { self == .tune || self == .property }
}
