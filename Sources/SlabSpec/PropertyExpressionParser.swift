import SlabModel
import SlabProperty

/// Reads a property expression (the text after `property: name =`) into the same syntax tree the
/// Swift builders make. Precedence, loosest first: `implies`/`=>`, `or`/`||`, `and`/`&&`,
/// `not`/`!`, comparisons and `in`, `+ -`, `* /`, unary `-`. A quantifier's or a sum's body
/// reaches as far right as it can; parenthesise to stop it.
///
/// The first error ends the parse: after a mistake in an expression, what follows rarely means
/// what its author meant.
struct PropertyExpressionParser {
    struct Failure: Error {
        var message: String
        var location: SourceLocation
    }

    /// A parsed piece: a number or a condition (a number used as a condition means `!= 0`).
    enum Node {
        case number(Quantity)
        case condition(Formula)
    }

    var tokens: [PropertyToken]
    var position = 0
    /// Bound names, innermost last.
    var scopes: [(name: String, domain: Domain)] = []
    /// Divisors and indices, for the spec to check once it knows the configuration.
    var constantChecks: [PropertyConstantCheck] = []

    init(tokens: [PropertyToken]) { self.tokens = tokens }

    static let keywords = [
        "forall", "exists", "sum", "count", "in", "where", "and", "or", "not", "implies", "true", "false", "old",
        "step",
        "is", "held", "ac", "shared", "task",
    ]
    static let lists: [String: SlabList] = ["slabsPartial": .partial, "slabsFull": .full, "slabsFree": .free]

    static var vocabulary: [String] {
        keywords + GlobalField.allCases.map(\.rawValue) + ConfigConstant.allCases.map(\.rawValue) + lists.keys.sorted()
    }

    var current: PropertyToken { tokens[position] }

    mutating func advance() -> PropertyToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }
    func isWord(_ s: String) -> Bool { current.kind == .identifier(s) }

    func fail(_ message: String, at token: PropertyToken? = nil) -> Failure {
        Failure(message: message, location: (token ?? current).location)
    }

    mutating func expect(symbol s: String, _ what: String) throws(Failure) {
        guard isSymbol(s) else { throw fail("expected `\(s)` \(what), found \(current.quoted)") }
        _ = advance()
    }

    /// The whole expression, which must be a condition.
    /// The most tokens one expression may have. A syntax tree is never deeper than its tokens are
    /// many, and the parser, the evaluator and the symmetry check all recurse through it (the
    /// evaluator on the search's worker threads): a bound on tokens keeps 100,000 nested
    /// parentheses or a chain of 100,000 `and`s an error rather than a stack overflow.
    static let maxTokens = 1000

    mutating func parseProperty() throws(Failure) -> Formula {
        guard current.kind != .end else { throw fail("expected a condition after `=`") }
        guard tokens.count <= Self.maxTokens else {
            throw fail(
                "this expression has \(tokens.count) tokens; at most \(Self.maxTokens) are allowed (split it into several properties)",
                at: tokens[Self.maxTokens])
        }
        let start = current
        let node = try implication()
        guard current.kind == .end else {
            throw fail("unexpected \(current.quoted) after a complete condition")
        }
        return try condition(node, at: start)
    }

    func condition(_ node: Node, at token: PropertyToken) throws(Failure) -> Formula {
        switch node {
        case .condition(let f): return f
        case .number(let q): return .comparison(.notEqual, q, 0)
        }
    }

    func number(_ node: Node, at token: PropertyToken) throws(Failure) -> Quantity {
        switch node {
        case .number(let q): return q
        case .condition: throw fail("expected a number here, found a condition", at: token)
        }
    }

    mutating func implication() throws(Failure) -> Node {
        let start = current
        let left = try disjunction()
        guard isWord("implies") || isSymbol("=>") else { return left }
        _ = advance()
        let rightStart = current
        let right = try implication()
        return .condition(.implies(try condition(left, at: start), try condition(right, at: rightStart)))
    }

    mutating func disjunction() throws(Failure) -> Node {
        let start = current
        var node = try conjunction()
        while isWord("or") || isSymbol("||") {
            _ = advance()
            let rightStart = current
            let right = try conjunction()
            node = .condition(.or(try condition(node, at: start), try condition(right, at: rightStart)))
        }
        return node
    }

    mutating func conjunction() throws(Failure) -> Node {
        let start = current
        var node = try negation()
        while isWord("and") || isSymbol("&&") {
            _ = advance()
            let rightStart = current
            let right = try negation()
            node = .condition(.and(try condition(node, at: start), try condition(right, at: rightStart)))
        }
        return node
    }

    mutating func negation() throws(Failure) -> Node {
        guard isWord("not") || isSymbol("!") else { return try relation() }
        _ = advance()
        let start = current
        return .condition(.not(try condition(try negation(), at: start)))
    }

    static let comparisons: [String: Comparison] = [
        "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual, "==": .equal, "!=": .notEqual,
    ]

    mutating func relation() throws(Failure) -> Node {
        let start = current
        let left = try additive()
        if case .symbol(let s) = current.kind, let op = Self.comparisons[s] {
            _ = advance()
            let rightStart = current
            let right = try additive()
            return .condition(.comparison(op, try number(left, at: start), try number(right, at: rightStart)))
        }
        if isWord("in") {
            _ = advance()
            let element = try number(left, at: start)
            let place = current
            if case .identifier(let name) = current.kind, let list = Self.lists[name] {
                _ = advance()
                return .condition(.onList(element, list))
            }
            if isWord("shared") {
                _ = advance()
                return .condition(.onArray(element, .shared))
            }
            if isWord("ac") {
                _ = advance()
                return .condition(.onArray(element, .cpu(try bracketed("after `ac`", .cpu))))
            }
            throw fail(
                "expected `slabsPartial`, `slabsFull`, `slabsFree`, `shared` or `ac[…]` after `in`, found \(place.quoted)"
                    + Suggestion.didYouMean(place.text, among: Self.lists.keys.sorted() + ["shared", "ac"]))
        }
        return left
    }

    mutating func additive() throws(Failure) -> Node {
        try arithmetic(["+": .add, "-": .subtract]) { (p: inout Self) throws(Failure) in try p.multiplicative() }
    }

    mutating func multiplicative() throws(Failure) -> Node {
        try arithmetic(["*": .multiply, "/": .divide]) { (p: inout Self) throws(Failure) in try p.unary() }
    }

    /// One left-associative level of arithmetic over the operands `operand` reads.
    mutating func arithmetic(
        _ operators: [String: Arithmetic], _ operand: (inout Self) throws(Failure) -> Node
    ) throws(Failure) -> Node {
        let start = current
        var node = try operand(&self)
        while case .symbol(let s) = current.kind, let op = operators[s] {
            _ = advance()
            let rightStart = current
            let right = try number(try operand(&self), at: rightStart)
            if op == .divide {
                constantChecks.append(
                    PropertyConstantCheck(kind: .divisor, quantity: right, location: rightStart.location))
            }
            node = .number(.arithmetic(op, try number(node, at: start), right))
        }
        return node
    }

    mutating func unary() throws(Failure) -> Node {
        guard isSymbol("-") else { return try primary() }
        _ = advance()
        let start = current
        return .number(.arithmetic(.subtract, 0, try number(try unary(), at: start)))
    }

    /// `[index]`, an index of `kind`.
    mutating func bracketed(_ what: String, _ kind: PropertyConstantCheck.Kind) throws(Failure) -> Quantity {
        try expect(symbol: "[", what)
        let start = current
        let index = try number(try additive(), at: start)
        try expect(symbol: "]", "to close `[`")
        constantChecks.append(PropertyConstantCheck(kind: kind, quantity: index, location: start.location))
        return index
    }

    /// `.name` after something with fields; `fields` are the names allowed there.
    mutating func field(of what: String, among fields: [String]) throws(Failure) -> String {
        try expect(symbol: ".", "after \(what)")
        let token = advance()
        guard case .identifier(let name) = token.kind, fields.contains(name) else {
            throw fail(
                "unknown field \(token.quoted) of \(what)" + Suggestion.hint(for: token.text, among: fields), at: token)
        }
        return name
    }
}
