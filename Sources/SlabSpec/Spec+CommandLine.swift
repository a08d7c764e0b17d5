import SlabModel
import SlabProperty

extension Spec {
    /// The spec with its `check:` replaced by `properties` and its `expect:` by `expect`, as
    /// `check --property … --expect …` asks: a way to check a property without editing a spec.
    ///
    /// Each of `properties` is a built-in property's name, the name of one of the spec's
    /// `property:` lines, or a new property, `name = expression` (or a bare expression, named
    /// `property-1`, `property-2`, … in order). `expect` is `holds` or `violates <name>`, the name
    /// one of those checked. Errors name the option and the column in its value.
    public func overriding(properties: [String], expect: String?) throws(SpecErrors) -> Spec {
        var spec = self
        var errors: [SpecError] = []
        func fail(_ option: String, _ column: Int, _ message: String) {
            errors.append(SpecError(path: option, location: SourceLocation(line: 1, column: column), message: message))
        }
        if !properties.isEmpty {
            spec.properties = []
            spec.userProperties = []
            var unnamed = 0
            for text in properties {
                let word = text.trimmingSpaces
                if let builtIn = BuiltInProperty(rawValue: word) {
                    spec.properties.append(builtIn)
                } else if let declared = declaredProperties.first(where: { $0.name == word }) {
                    spec.userProperties.append(declared)
                } else {
                    var name: String
                    var source = word
                    var offset = text.prefix { $0 == " " }.count
                    if let equals = word.firstIndex(of: "="),
                        !"=>".contains(word[word.index(after: equals)...].first ?? " "),
                        String(word[..<equals]).trimmingSpaces.isPropertyName
                    {
                        name = String(word[..<equals]).trimmingSpaces
                        source = String(word[word.index(after: equals)...])
                        offset += word.distance(from: word.startIndex, to: equals) + 1
                    } else {
                        unnamed += 1
                        name = "property-\(unnamed)"
                    }
                    do {
                        let formula = try PropertySource.formula(source)
                        let property = DeclaredProperty(
                            name: name, formula: formula, location: SourceLocation(line: 1, column: 1),
                            source: source.trimmingSpaces)
                        if let problem = property.property.problems.first {
                            fail("--property", 1, problem)
                        } else if spec.properties.map(\.rawValue).contains(name)
                            || spec.userProperties.contains(where: { $0.name == name })
                        {
                            fail("--property", 1, "property `\(name)` is given twice")
                        } else {
                            spec.userProperties.append(property)
                        }
                    } catch {
                        fail("--property", offset + error.column, "\(error.message) (in \(Token.quote(text)))")
                    }
                }
            }
        }
        if let expect {
            let words = expect.split(separator: " ").map(String.init)
            let checked = spec.properties.map(\.rawValue) + spec.userProperties.map(\.name)
            switch (words.first, words.count) {
            case ("holds", 1): spec.expectation = .holds
            case ("violates", 2) where checked.contains(words[1]):
                spec.expectation =
                    BuiltInProperty(rawValue: words[1]).map(Expectation.violates) ?? .violatesProperty(words[1])
            case ("violates", 2):
                fail(
                    "--expect", 10,
                    "`violates \(words[1])` names a property that is not checked (checked: \(checked.joined(separator: ", ")))"
                )
            default:
                fail("--expect", 1, "expected `holds` or `violates <property>`, found \(Token.quote(expect))")
            }
        } else if let name = spec.expectation.violatedName, !properties.isEmpty,
            !(spec.properties.map(\.rawValue) + spec.userProperties.map(\.name)).contains(name)
        {
            fail(
                "--property", 1,
                "the spec expects `violates \(name)`, which --property does not check; add it, or give --expect")
        }
        if !errors.isEmpty { throw SpecErrors(errors) }
        return spec
    }
}

extension StringProtocol {
    /// Letters, digits, `-` and `_`, as a `property:` line's name.
    fileprivate var isPropertyName: Bool {
        !isEmpty
            && unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    fileprivate var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
