import SlabModel
import SlabProperty

/// `property: name = expression` lines, and the `check:` and `expect:` names that refer to them.
extension SpecParser {
    mutating func readProperty(_ value: Value) {
        let content = value.line.content
        guard let equals = value.range.first(where: { content[$0] == "=" }),
            equals + 1 >= value.range.upperBound || content[equals + 1] != "="
        else {
            report("expected `property: <name> = <condition>`", at: value.start)
            return
        }
        let names = value.line.tokens(in: value.range.lowerBound..<equals, separatedBy: SpecLine.isSpace)
        guard let name = names.first else {
            report("expected a property name before `=`", at: value.start)
            return
        }
        if names.count > 1 {
            report(
                "unexpected \(names[1].quoted); a property name is one word, such as `no-double-free`",
                at: names[1].location)
            return
        }
        let allowed = name.text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard allowed else {
            report("property name \(name.quoted) may hold only letters, digits, `-` and `_`", at: name.location)
            return
        }
        if BuiltInProperty(rawValue: name.text) != nil {
            report("\(name.quoted) is a built-in property; choose another name", at: name.location)
            return
        }
        if let first = declared.first(where: { $0.name == name.text }) {
            report("property \(name.quoted) is already defined on line \(first.location.line)", at: name.location)
            return
        }
        var lexError: (String, SourceLocation)?
        let tokens = PropertyToken.lex(
            content[(equals + 1)..<value.range.upperBound], line: value.line.number, column: equals + 2
        ) { message, location in
            if lexError == nil { lexError = (message, location) }
        }
        if let (message, location) = lexError {
            brokenProperties.insert(name.text)
            report(message, at: location)
            return
        }
        var parser = PropertyExpressionParser(tokens: tokens)
        do {
            let formula = try parser.parseProperty()
            let text = content[(equals + 1)..<value.range.upperBound].drop(while: SpecLine.isSpace)
            let source = String(String.UnicodeScalarView(text.reversed().drop(while: SpecLine.isSpace).reversed()))
            declared.append(
                DeclaredProperty(name: name.text, formula: formula, location: name.location, source: source))
            propertyConstantChecks += parser.constantChecks
        } catch {
            brokenProperties.insert(name.text)
            report(error.message, at: error.location)
        }
    }

    /// The `property:` lines `check:` names, in its order (all of them for `check: all`);
    /// a name that is neither built in nor defined is reported here.
    mutating func resolveUserProperties() -> [DeclaredProperty] {
        if checksAll { return declared }
        var chosen: [DeclaredProperty] = []
        let known = BuiltInProperty.allCases.map(\.rawValue) + declared.map(\.name)
        for item in pendingChecks where !brokenProperties.contains(item.text) {
            guard let p = declared.first(where: { $0.name == item.text }) else {
                failed.insert(.check)
                report(
                    "unknown property \(item.quoted)" + Suggestion.hint(for: item.text, among: known), at: item.location
                )
                continue
            }
            chosen.append(p)
        }
        return chosen
    }

    /// `expect: violates <name>` for a spec's own property: it must be defined and checked.
    mutating func checkExpectedUserProperty(_ checked: [DeclaredProperty]) {
        guard let token = pendingExpect, !brokenProperties.contains(token.text) else { return }
        guard declared.contains(where: { $0.name == token.text }) else {
            let known = BuiltInProperty.allCases.map(\.rawValue) + declared.map(\.name)
            report(
                "unknown property \(token.quoted)" + Suggestion.hint(for: token.text, among: known), at: token.location)
            return
        }
        expectation = .violatesProperty(token.text)
        guard checked.contains(where: { $0.name == token.text }) || failed.contains(.check) else {
            report(
                "`expect: violates \(token.text)` names a property that `check:` does not check; add it to `check:`",
                at: token.location)
            return
        }
    }

    /// Divisors that are always zero and indices outside the configuration's ranges, at the
    /// token that starts each: found here, before any engine runs, rather than as a crash or as
    /// engines that disagree about `ac[1]` with one CPU.
    mutating func checkPropertyConstants(_ layout: Layout) {
        for check in propertyConstantChecks {
            if let problem = check.problem(in: layout) { report(problem, at: check.location) }
        }
    }
}
