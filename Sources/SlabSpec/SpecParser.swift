import SlabModel

/// Reads a spec's text into a `Spec`, collecting every error rather than stopping at the first.
///
/// Each line is read on its own (this file: splitting lines into key and value; the value readers
/// are in `SpecParser+Directives.swift`). What depends on several lines (required keys, `tune:`
/// needing `tuning`, `expect:` needing its property checked, the configuration's own validation)
/// is checked once the whole file has been read.
struct SpecParser {
    /// After this many errors the file is probably not a spec at all (binary, the wrong file);
    /// more would only bury the first ones.
    static let errorLimit = 100

    let path: String
    var errors: [SpecError] = []
    /// Set once `errorLimit` is reached; nothing more is read or reported.
    var gaveUp: SpecError?

    var keyLocations: [DirectiveKey: SourceLocation] = [:]
    /// Keys that appeared but whose value had an error. Checks that depend on them are skipped,
    /// so that one mistake is reported once.
    var failed: Set<DirectiveKey> = []

    var name: String?
    /// The named configuration of a `config:` line, which supplies every number and event the
    /// spec does not write.
    var base: Configuration?
    /// Each configuration integer with the location of its value token, which is where a
    /// `ConfigurationProblem` about that field points.
    var integers: [DirectiveKey: (value: Int, location: SourceLocation)] = [:]
    var variant: Variant?
    var events: [Event: SourceLocation] = [:]
    /// One entry per `tune:` line; `tuning` is nil when the line had an error.
    var tunes: [(tuning: Configuration.Tuning?, keyLocation: SourceLocation, valueLocation: SourceLocation)] = []
    var properties: [BuiltInProperty]?
    /// `property:` lines, in file order.
    var declared: [DeclaredProperty] = []
    /// `check:` names that are no built-in property: resolved against `property:` lines once the
    /// whole file is read (a `property:` line may come after `check:`).
    var pendingChecks: [Token] = []
    var checksAll = false
    var pendingExpect: Token?
    /// Names of `property:` lines with an error: their error suffices, `check:` is not blamed too.
    var brokenProperties: Set<String> = []
    /// The divisors and indices of every parsed `property:` line.
    var propertyConstantChecks: [PropertyConstantCheck] = []
    var bounds = Bounds()
    var expectation: Expectation?
    var expectedPropertyLocation: SourceLocation?
    var cover: [(branch: Branch, location: SourceLocation)] = []

    init(path: String) {
        self.path = path
    }

    mutating func report(_ message: String, at location: SourceLocation) {
        guard gaveUp == nil else { return }
        errors.append(SpecError(path: path, location: location, message: message))
        if errors.count == Self.errorLimit {
            gaveUp = SpecError(
                path: path, location: location, message: "too many errors; stopped after \(Self.errorLimit)")
        }
    }

    mutating func parse(_ text: String) -> Result<Spec, SpecErrors> {
        var scalars = Array(text.unicodeScalars)
        // Some editors start UTF-8 files with a byte-order mark; it is not part of the first key.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let rawLines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in rawLines.enumerated() {
            if gaveUp != nil { break }
            read(SpecLine(number: offset + 1, scalars: Array(raw)))
        }
        let endOfFile = SourceLocation(line: max(rawLines.count, 1), column: (rawLines.last?.count ?? 0) + 1)
        var configuration: Configuration?
        var checked: [DeclaredProperty] = []
        if gaveUp == nil {
            checkRequiredKeys(endOfFile: endOfFile)
            if keyLocations[.check] == nil { checksAll = true }
            checkTuneLines()
            let userProperties = resolveUserProperties()
            checkExpectedPropertyIsChecked()
            checkExpectedUserProperty(userProperties)
            checked = userProperties
            configuration = validatedConfiguration()
            if errors.isEmpty, let configuration { checkPropertyConstants(Layout(configuration)) }
        }
        // Left out, `variant`, `check` and `expect` mean the seed, every property, and `holds`.
        let variant = keyLocations[.variant] == nil ? .seed : self.variant
        let properties = keyLocations[.check] == nil ? BuiltInProperty.allCases : self.properties
        let expectation = keyLocations[.expect] == nil ? .holds : self.expectation
        guard errors.isEmpty, let configuration, let variant, let properties, let expectation else {
            return .failure(SpecErrors(sortedErrors()))
        }
        var locations: [String: SourceLocation] = [:]
        for (key, location) in keyLocations { locations[key.rawValue] = location }
        var spec = Spec(
            name: name ?? Spec.defaultName(forPath: path), path: path, configuration: configuration,
            variant: variant, properties: properties, bounds: bounds, expectation: expectation,
            locations: locations, tuneLocations: tunes.map(\.keyLocation))
        spec.cover = cover.map(\.branch)
        spec.coverLocations = cover.map(\.location)
        spec.userProperties = checked
        spec.declaredProperties = declared
        return .success(spec)
    }

    /// Errors in file order. Whole-file errors are found last but belong where they point.
    private func sortedErrors() -> [SpecError] {
        let origin = SourceLocation(line: 0, column: 0)
        let sorted = errors.enumerated()
            .sorted { ($0.element.location ?? origin, $0.offset) < ($1.element.location ?? origin, $1.offset) }
            .map(\.element)
        return sorted + (gaveUp.map { [$0] } ?? [])
    }

    // MARK: - One line

    private mutating func read(_ line: SpecLine) {
        let content = line.content
        guard let start = content.firstIndex(where: { !SpecLine.isSpace($0) }) else { return }
        guard let colon = content[start...].firstIndex(of: ":") else {
            let end = content[start...].firstIndex(where: SpecLine.isSpace) ?? content.endIndex
            let word = String(String.UnicodeScalarView(content[start..<end]))
            if let key = DirectiveKey(rawValue: word) {
                report("missing `:` after key `\(word)`", at: line.location(ofIndex: end))
                // The key is there, just malformed: it is not also missing.
                if keyLocations[key] == nil { keyLocations[key] = line.location(ofIndex: start) }
                failed.insert(key)
            } else {
                reportUnknownKey(word, at: line.location(ofIndex: start))
            }
            return
        }
        var keyEnd = colon
        while keyEnd > start, SpecLine.isSpace(content[keyEnd - 1]) { keyEnd -= 1 }
        guard keyEnd > start else {
            report("missing key before `:`", at: line.location(ofIndex: colon))
            return
        }
        let keyText = String(String.UnicodeScalarView(content[start..<keyEnd]))
        let keyLocation = line.location(ofIndex: start)
        guard let key = DirectiveKey(rawValue: keyText) else {
            reportUnknownKey(keyText, at: keyLocation)
            return
        }
        if !key.isRepeatable, let first = keyLocations[key] {
            report("duplicate key `\(key.rawValue)`; it was already set on line \(first.line)", at: keyLocation)
            return
        }
        if keyLocations[key] == nil { keyLocations[key] = keyLocation }
        let errorsBefore = errors.count
        read(key, Value(line: line, range: (colon + 1)..<content.endIndex, key: key), keyLocation: keyLocation)
        if errors.count > errorsBefore { failed.insert(key) }
    }

    private mutating func reportUnknownKey(_ text: String, at location: SourceLocation) {
        // `batch count:` is most likely `batchcount:`; match without the spaces.
        let compact = String(String.UnicodeScalarView(text.unicodeScalars.filter { !SpecLine.isSpace($0) }))
        report(
            "unknown key \(Token.quote(text))"
                + Suggestion.hint(for: compact, among: DirectiveKey.allCases.map(\.rawValue)),
            at: location)
    }

    /// The text after a key's colon, up to the comment.
    struct Value {
        var line: SpecLine
        var range: Range<Int>
        var key: DirectiveKey

        /// Just after the colon: where an empty value is reported.
        var start: SourceLocation { line.location(ofIndex: range.lowerBound) }

        /// Just past the value's last character: where something missing would be added.
        var end: SourceLocation {
            var index = range.upperBound
            while index > range.lowerBound, SpecLine.isSpace(line.content[index - 1]) { index -= 1 }
            return line.location(ofIndex: index)
        }

        /// Whitespace-separated words, for single values and `expect:`.
        var words: [Token] { line.tokens(in: range, separatedBy: SpecLine.isSpace) }

        /// Items of a list (`events:`, `check:`, `tune:`, `bound:`): whitespace or commas separate.
        var items: [Token] { line.tokens(in: range, separatedBy: SpecLine.isListSeparator) }
    }

    // MARK: - Whole file

    private mutating func checkRequiredKeys(endOfFile: SourceLocation) {
        // A `config:` line (even a misspelt one, already reported) supplies the numbers.
        guard keyLocations[.config] == nil else { return }
        for key in DirectiveKey.required where keyLocations[key] == nil {
            report("missing required key `\(key.rawValue)`", at: endOfFile)
        }
    }

    private mutating func checkTuneLines() {
        if let tuning = events[.tuning], tunes.isEmpty {
            report(
                "event `tuning` needs at least one `tune: limit=<n> batchcount=<n> sharedFactor=<n>` line",
                at: tuning)
        }
        // If `events:` itself had an error, `tuning` may be there misspelled; that error suffices.
        if events[.tuning] == nil, !failed.contains(.events) {
            for tune in tunes {
                report("`tune:` needs `tuning` in `events:`", at: tune.keyLocation)
            }
        }
    }

    private mutating func checkExpectedPropertyIsChecked() {
        // A `check:` with an error holds only the names that were read; the rest may include it.
        guard case .violates(let property)? = expectation, let location = expectedPropertyLocation,
            let properties, !failed.contains(.check), !properties.contains(property)
        else { return }
        report(
            "`expect: violates \(property.rawValue)` names a property that `check:` does not check"
                + " (it checks \(Suggestion.choices(properties.map(\.rawValue)))); add it to `check:`",
            at: location)
    }

    /// The configuration, once every field of it has been read, with each of its
    /// `ConfigurationProblem`s reported at the token that set the field.
    ///
    /// Validation waits for every field because the rules relate fields (`batchcount ≤ limit`,
    /// `migration` needs two CPUs): with one unread, a stand-in value would produce misleading
    /// messages. A spec with a syntax error gets its range errors on the next run.
    private mutating func validatedConfiguration() -> Configuration? {
        let base = self.base
        func value(_ key: DirectiveKey, _ field: KeyPath<Configuration, Int>? = nil) -> Int? {
            integers[key]?.value ?? field.flatMap { base?[keyPath: $0] }
        }
        guard let cpus = value(.cpus, \.cpus), let num = value(.num, \.num), let limit = value(.limit, \.limit),
            let batchcount = value(.batchcount, \.batchcount), let sharedLimit = value(.sharedLimit, \.sharedLimit),
            let batchRefillLimit = value(.batchRefillLimit, \.batchRefillLimit),
            let freeLimit = value(.freeLimit, \.freeLimit), let pages = value(.pages, \.pages),
            !failed.contains(.tasks), !failed.contains(.tune), !failed.contains(.config)
        else { return nil }
        // Unwritten, `tasks` is the named configuration's while `cpus` is too, else `cpus`; the
        // events are the named configuration's unless an `events:` line lists them.
        let tasks = value(.tasks) ?? (integers[.cpus] == nil ? base?.tasks : nil)
        func event(_ e: Event, _ field: KeyPath<Configuration, Bool>) -> Bool {
            if let base, keyLocations[.events] == nil { return base[keyPath: field] }
            return events[e] != nil
        }
        let configuration = Configuration(
            cpus: cpus, num: num, limit: limit, batchcount: batchcount, sharedLimit: sharedLimit,
            batchRefillLimit: batchRefillLimit, freeLimit: freeLimit, pages: pages,
            growMayFail: event(.growFailure, \.growMayFail), tasks: tasks,
            migration: event(.migration, \.migration), tuning: tunes.compactMap(\.tuning),
            interrupts: event(.interrupts, \.interrupts), reap: event(.reap, \.reap))

        var fieldLocations: [String: SourceLocation] = [:]
        for (key, entry) in integers { fieldLocations[key.rawValue] = entry.location }
        for (event, location) in events { fieldLocations[event.configurationField] = location }
        // Problems name only the field, `tuning`, not which triple. They come in triple order,
        // so count each triple's own problems and hand out the `tune:` lines in that order.
        var tuneBlame: [SourceLocation] = []
        for tune in tunes {
            guard let tuning = tune.tuning else { continue }
            var alone = configuration
            alone.tuning = [tuning]
            tuneBlame += repeatElement(tune.valueLocation, count: alone.problems.count { $0.field == "tuning" })
        }
        var nextTuneBlame = tuneBlame.makeIterator()
        for problem in configuration.problems {
            if problem.field == "tuning", let location = nextTuneBlame.next() ?? tunes.first?.valueLocation {
                report(problem.message, at: location)
            } else if let location = fieldLocations[problem.field] {
                report(problem.message, at: location)
            } else if problem.field != "tasks" {
                // Unwritten `tasks` is `cpus`, whose own problem is already reported. Any other
                // field without a line is one this parser does not know: blame the file.
                report(problem.message, at: SourceLocation(line: 1, column: 1))
            }
        }
        return configuration
    }
}
