/// The properties of Documentation/Model.md (Properties), by the names specs use.
public enum BuiltInProperty: String, CaseIterable, Hashable, Sendable, Codable {
    case availBounds = "avail-bounds"
    case noBug = "no-bug"
    case inuseBounds = "inuse-bounds"
    case inuseMatchesFreelist = "inuse-matches-freelist"
    case listPlacement = "list-placement"
    case freeObjectsExact = "free-objects-exact"
    case conservation
    case acCurrent = "ac-current"
    case irqsOff = "irqs-off"
    case refillTerminates = "refill-terminates"
}
