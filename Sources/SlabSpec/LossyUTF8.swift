/// Decodes a file's bytes without ever failing, remembering where the first bad byte was.
///
/// A spec that is not UTF-8 is an error, but it should be reported like any other (with a line
/// and column, alongside the file's other errors) rather than make the whole file unreadable.
/// Each malformed sequence becomes U+FFFD, which counts as one column, exactly as the parser
/// counts the decoded text.
struct LossyUTF8 {
    var text: String
    var firstInvalid: SourceLocation?
    var invalidCount: Int

    init(_ bytes: some Sequence<UInt8>) {
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        var firstInvalid: SourceLocation?
        var invalidCount = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                // A leading byte-order mark is dropped (as the parser drops it), and takes no column.
                if scalar == "\u{FEFF}", scalars.isEmpty, invalidCount == 0 { continue }
                scalars.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                if firstInvalid == nil { firstInvalid = SourceLocation(line: line, column: column) }
                invalidCount += 1
                scalars.append("\u{FFFD}")
                column += 1
            case .emptyInput:
                break decoding
            }
        }
        self.text = String(scalars)
        self.firstInvalid = firstInvalid
        self.invalidCount = invalidCount
    }
}
