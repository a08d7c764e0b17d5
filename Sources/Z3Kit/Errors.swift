import CZ3

/// A failure reported by Z3 (or detected by Z3Kit before Z3 could misbehave).
///
/// Z3's default error handler terminates the process; every ``Context`` replaces it with one
/// that does nothing and Z3Kit inspects the error code after each fallible call instead, so a
/// malformed formula built by the checker becomes a thrown value rather than an exit.
public struct Z3Error: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Arguments of incompatible sorts. Note that Z3 4.8.12 reports most sort mismatches in
        /// term construction (`bvadd` of bv8 and bv16, `and` of a bit-vector) as ``exception``
        /// with a message naming the mismatch, not with this code.
        case sortError
        /// An index was out of bounds.
        case indexOutOfBounds
        case invalidArgument
        case parserError
        case noParser
        case invalidPattern
        case outOfMemory
        case fileAccessError
        case internalFatal
        /// The API was used in a way Z3 does not allow (e.g. no model after `unsat`).
        case invalidUsage
        case decRefError
        /// Z3's catch-all: ill-sorted applications, unknown parameters, invalid numerals...;
        /// the message carries the details.
        case exception
        /// Z3Kit refused to pass a handle from one context to another: Z3 would not detect
        /// that itself and would corrupt memory.
        case contextMismatch
        /// Z3 returned no object although it reported success.
        case unexpectedNull
        /// An error code this wrapper does not know about.
        case other(UInt32)
    }

    public let kind: Kind
    /// Z3's message, copied into Swift storage when the error was raised.
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "Z3Error(\(kind)): \(message)" }

    init(code: Z3_error_code, message: String) {
        let kind: Kind
        switch code {
        case Z3_SORT_ERROR: kind = .sortError
        case Z3_IOB: kind = .indexOutOfBounds
        case Z3_INVALID_ARG: kind = .invalidArgument
        case Z3_PARSER_ERROR: kind = .parserError
        case Z3_NO_PARSER: kind = .noParser
        case Z3_INVALID_PATTERN: kind = .invalidPattern
        case Z3_MEMOUT_FAIL: kind = .outOfMemory
        case Z3_FILE_ACCESS_ERROR: kind = .fileAccessError
        case Z3_INTERNAL_FATAL: kind = .internalFatal
        case Z3_INVALID_USAGE: kind = .invalidUsage
        case Z3_DEC_REF_ERROR: kind = .decRefError
        case Z3_EXCEPTION: kind = .exception
        default: kind = .other(code.rawValue)
        }
        self.init(kind: kind, message: message)
    }
}
