import SlabModel

/// The value of each directive, read into the parser's state.
extension SpecParser {
    /// Configuration integers must fit in 32 bits: no real cache is that large, and the model
    /// multiplies them (object identities `s·num + i`, pass budgets), which must not overflow.
    static let configurationIntegerRange = Int(Int32.min)...Int(Int32.max)

    private enum TuneItem: String, CaseIterable {
        case limit, batchcount, sharedFactor
    }

    private enum BoundItem: String, CaseIterable {
        case depth, states, seconds, memory
    }

    mutating func read(_ key: DirectiveKey, _ value: Value, keyLocation: SourceLocation) {
        switch key {
        case .name:
            if let token = single(value, expecting: "a name") { name = token.text }
        case .config:
            readConfig(value)
        case .cpus, .num, .limit, .batchcount, .sharedLimit, .batchRefillLimit, .freeLimit, .pages, .tasks:
            // Negative values are read here and refused by `Configuration.problems`, which says
            // what the kernel requires of each field.
            if let token = single(value, expecting: "an integer"),
                let number = integer(token, for: "`\(key.rawValue)`", in: Self.configurationIntegerRange)
            {
                integers[key] = (number, token.location)
            }
        case .variant:
            readVariant(value)
        case .events:
            readEvents(value)
        case .tune:
            readTune(value, keyLocation: keyLocation)
        case .property:
            readProperty(value)
        case .check:
            readCheck(value)
        case .bound:
            readBound(value)
        case .expect:
            readExpect(value)
        case .cover:
            readCover(value)
        }
    }

    /// The one word a scalar directive takes.
    private mutating func single(_ value: Value, expecting what: String) -> Token? {
        let words = value.words
        guard let first = words.first else {
            report("expected \(what) after `\(value.key.rawValue):`", at: value.start)
            return nil
        }
        guard words.count == 1 else {
            report(
                "unexpected \(words[1].quoted) after \(first.quoted); `\(value.key.rawValue):` takes one value",
                at: words[1].location)
            return nil
        }
        return first
    }

    /// `config: small`: a named configuration the spec starts from, overriding only what differs.
    private mutating func readConfig(_ value: Value) {
        guard let token = single(value, expecting: "a configuration name") else { return }
        let names = Configuration.named.map(\.name)
        guard let found = Configuration.named.first(where: { $0.name == token.text }) else {
            report(
                "unknown configuration \(token.quoted)\(Suggestion.didYouMean(token.text, among: names))"
                    + "; named configurations are \(Suggestion.choices(names))",
                at: token.location)
            return
        }
        base = found.configuration
    }

    private mutating func readVariant(_ value: Value) {
        guard let token = single(value, expecting: "`seed` or a mutant name") else { return }
        guard let found = Variant(rawValue: token.text) else {
            let names = Variant.allCases.map(\.rawValue)
            report(
                "unknown variant \(token.quoted)\(Suggestion.didYouMean(token.text, among: names))"
                    + "; valid variants are \(Suggestion.choices(names))",
                at: token.location)
            return
        }
        variant = found
    }

    private mutating func readEvents(_ value: Value) {
        let items = value.items
        guard !items.isEmpty else {
            report("expected event names or `none` after `events:`", at: value.start)
            return
        }
        for item in items {
            if item.text == "none" {
                if items.count > 1 { report("`none` cannot be combined with other events", at: item.location) }
                continue
            }
            guard let event = Event(rawValue: item.text) else {
                report(
                    "unknown event \(item.quoted)"
                        + Suggestion.hint(for: item.text, among: Event.allCases.map(\.rawValue) + ["none"]),
                    at: item.location)
                continue
            }
            guard events[event] == nil else {
                report("event `\(event.rawValue)` is listed twice", at: item.location)
                continue
            }
            events[event] = item.location
        }
    }

    private mutating func readTune(_ value: Value, keyLocation: SourceLocation) {
        let errorsBefore = errors.count
        let items = value.items
        var given: [TuneItem: Int] = [:]
        var seen: Set<TuneItem> = []
        for item in items {
            guard let (key, number) = assignment(item, in: "tune", among: TuneItem.self, seen: &seen) else { continue }
            if let n = integer(number, for: "`\(key.rawValue)` in `tune:`", in: Self.configurationIntegerRange) {
                given[key] = n
            }
        }
        let missing = TuneItem.allCases.filter { !seen.contains($0) }
        if !missing.isEmpty {
            report(
                "`tune:` is missing \(missing.map { "`\($0.rawValue)=`" }.joined(separator: ", "))"
                    + "; expected `tune: limit=<n> batchcount=<n> sharedFactor=<n>`",
                at: value.end)
        }
        var tuning: Configuration.Tuning?
        if errors.count == errorsBefore, let limit = given[.limit], let batchcount = given[.batchcount],
            let sharedFactor = given[.sharedFactor]
        {
            tuning = Configuration.Tuning(limit: limit, batchcount: batchcount, sharedFactor: sharedFactor)
        }
        tunes.append((tuning, keyLocation, items.first?.location ?? value.start))
    }

    /// Splits a `name=value` item of `tune:` or `bound:`, reporting a malformed, unknown or
    /// repeated name.
    private mutating func assignment<Item: RawRepresentable<String> & CaseIterable & Hashable>(
        _ item: Token, in directive: String, among _: Item.Type, seen: inout Set<Item>
    ) -> (Item, Token)? {
        let names = Item.allCases.map(\.rawValue)
        guard let (name, number) = item.splitAssignment() else {
            report(
                "expected `name=value` in `\(directive):`, found \(item.quoted); names are \(Suggestion.choices(names))",
                at: item.location)
            return nil
        }
        guard let key = Item(rawValue: name.text) else {
            report(
                "unknown `\(directive):` item \(name.quoted)" + Suggestion.hint(for: name.text, among: names),
                at: name.location)
            return nil
        }
        guard seen.insert(key).inserted else {
            report("`\(name.text)` is given twice in this `\(directive):`", at: name.location)
            return nil
        }
        return (key, number)
    }

    private mutating func readCheck(_ value: Value) {
        let items = value.items
        guard !items.isEmpty else {
            report("expected `all` or property names after `check:`", at: value.start)
            return
        }
        var chosen: [BuiltInProperty] = []
        for item in items {
            if item.text == "all" {
                if items.count > 1 {
                    report("`all` cannot be combined with property names", at: item.location)
                } else {
                    chosen = BuiltInProperty.allCases
                    checksAll = true
                }
                continue
            }
            guard let property = BuiltInProperty(rawValue: item.text) else {
                if pendingChecks.contains(where: { $0.text == item.text }) {
                    report("property `\(item.text)` is listed twice", at: item.location)
                } else {
                    pendingChecks.append(item)
                }
                continue
            }
            guard !chosen.contains(property) else {
                report("property `\(property.rawValue)` is listed twice", at: item.location)
                continue
            }
            chosen.append(property)
        }
        properties = chosen
    }

    private mutating func readBound(_ value: Value) {
        let items = value.items
        guard !items.isEmpty else {
            report(
                "expected at least one of `depth=`, `states=`, `seconds=`, `memory=` after `bound:`",
                at: value.start)
            return
        }
        var seen: Set<BoundItem> = []
        for item in items {
            guard let (key, number) = assignment(item, in: "bound", among: BoundItem.self, seen: &seen) else {
                continue
            }
            switch key {
            case .depth: bounds.depth = boundCount(number, for: "`depth`", minimum: 0)
            case .states: bounds.states = boundCount(number, for: "`states`", minimum: 1)
            case .seconds: bounds.seconds = seconds(number)
            case .memory: bounds.memoryBytes = memory(number)
            }
        }
    }

    private mutating func readExpect(_ value: Value) {
        let words = value.words
        let expected = "expected `holds` or `violates <property>`"
        guard let first = words.first else {
            report("\(expected) after `expect:`", at: value.start)
            return
        }
        switch first.text {
        case "holds":
            if words.count > 1 {
                report("unexpected \(words[1].quoted) after `holds`", at: words[1].location)
                return
            }
            expectation = .holds
        case "violates":
            guard words.count > 1 else {
                report("expected a property name after `violates`", at: value.end)
                return
            }
            if words.count > 2 {
                report("unexpected \(words[2].quoted); `violates` names one property", at: words[2].location)
                return
            }
            guard let property = BuiltInProperty(rawValue: words[1].text) else {
                pendingExpect = words[1]
                return
            }
            expectation = .violates(property)
            expectedPropertyLocation = words[1].location
        default:
            report(
                "\(expected), found \(first.quoted)" + Suggestion.didYouMean(first.text, among: ["holds", "violates"]),
                at: first.location)
        }
    }
}
