import ArgumentParser

/// What `fuzz --kind` names: one kind of input, or all three.
enum FuzzKindChoice: String, CaseIterable, ExpressibleByArgument {
    case spec, property, trace, all
}
