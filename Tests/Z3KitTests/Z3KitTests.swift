import Testing

/// Every suite of this target nests in this one, which runs its tests one at a time: the
/// leak test reads Z3's process-wide allocation counter, which concurrently running tests
/// would disturb. The whole target still runs in a few seconds.
@Suite(.serialized) struct Z3KitTests {}
