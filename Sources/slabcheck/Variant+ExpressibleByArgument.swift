import ArgumentParser
import SlabModel

/// `--variant seed` or a mutant's name; anything else is refused with the list.
extension Variant: ExpressibleByArgument {}
