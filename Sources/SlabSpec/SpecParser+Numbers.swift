/// Numbers in values, read without ever trapping: every overflow is an error message.
extension SpecParser {
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// `-?[0-9]+`: the only integer syntax, so `0x10`, `1e3`, `+1` and `１` (fullwidth) are errors
    /// rather than surprises.
    static func isInteger(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        let digits = scalars.first == "-" ? scalars.dropFirst() : scalars[...]
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    /// `what` is already formatted for the message, e.g. "`cpus`".
    mutating func integer(_ token: Token, for what: String, in range: ClosedRange<Int>) -> Int? {
        guard Self.isInteger(token.text) else {
            report("expected an integer for \(what), found \(token.quoted)", at: token.location)
            return nil
        }
        guard let number = Int(token.text), range.contains(number) else {
            report(
                "\(token.quoted) is out of range for \(what); expected an integer in \(range.lowerBound)...\(range.upperBound)",
                at: token.location)
            return nil
        }
        return number
    }

    /// A non-negative integer (a bound), at least `minimum`.
    mutating func boundCount(_ token: Token, for what: String, minimum: Int) -> Int? {
        if token.text.hasPrefix("-"), Self.isInteger(token.text) {
            report("\(what) must not be negative, found \(token.quoted)", at: token.location)
            return nil
        }
        guard let number = integer(token, for: what, in: 0...Int.max) else { return nil }
        guard number >= minimum else {
            report("\(what) must be at least \(minimum), found \(token.quoted)", at: token.location)
            return nil
        }
        return number
    }

    /// `[0-9]+(\.[0-9]+)?`, positive and finite.
    mutating func seconds(_ token: Token) -> Double? {
        let negative = token.text.hasPrefix("-")
        let unsigned = negative ? String(token.text.dropFirst()) : token.text
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(Self.isDigit) }) else {
            report("expected a number of seconds such as `60` or `1.5`, found \(token.quoted)", at: token.location)
            return nil
        }
        guard !negative else {
            report("`seconds` must not be negative, found \(token.quoted)", at: token.location)
            return nil
        }
        guard let seconds = Double(unsigned), seconds.isFinite else {
            report("\(token.quoted) is out of range for `seconds`", at: token.location)
            return nil
        }
        guard seconds > 0 else {
            report("`seconds` must be positive, found \(token.quoted)", at: token.location)
            return nil
        }
        return seconds
    }

    /// Bytes, or kibi/mebi/gibibytes with a `KB`/`MB`/`GB` suffix (powers of 1024, as memory
    /// is counted), positive and within 64 bits.
    mutating func memory(_ token: Token) -> Int? {
        let suffixes: [(suffix: String, multiplier: Int)] = [("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30)]
        var digits = token.text
        var multiplier = 1
        if let unit = suffixes.first(where: { token.text.hasSuffix($0.suffix) }) {
            digits = String(token.text.dropLast(unit.suffix.count))
            multiplier = unit.multiplier
        }
        if digits.hasPrefix("-"), Self.isInteger(digits) {
            report("`memory` must not be negative, found \(token.quoted)", at: token.location)
            return nil
        }
        guard Self.isInteger(digits) else {
            report(
                "expected a byte count such as `1048576`, `512MB` or `8GB` for `memory`, found \(token.quoted)",
                at: token.location)
            return nil
        }
        guard let number = Int(digits),
            case (let bytes, let overflow) = number.multipliedReportingOverflow(by: multiplier),
            !overflow
        else {
            report("\(token.quoted) is out of range for `memory`; it must fit in 64 bits", at: token.location)
            return nil
        }
        guard bytes > 0 else {
            report("`memory` must be positive, found \(token.quoted)", at: token.location)
            return nil
        }
        return bytes
    }
}
