public import ChipChart
import Foundation

/// How the example commands end on an error: one line on standard error, `error: FIELD: WHAT`,
/// and a sysexits status.
///
/// | status | meaning |
/// |---|---|
/// | 0 | done |
/// | 64 | usage: a missing or unknown option, options that do not go together |
/// | 65 | bad input, naming the field (a card, a code, an option's value, a file that is not what it should be) |
/// | 66 | an input that does not exist (a patient, a file, a database) |
/// | 74 | the records could not be read or written (I/O, a full disk, a damaged file) |
public enum CommandFailure {
    /// Usage: status 64.
    public static let usage: Int32 = 64
    /// Bad input: status 65.
    public static let invalidInput: Int32 = 65
    /// An input that does not exist: status 66.
    public static let missingInput: Int32 = 66
    /// An I/O or storage failure: status 74.
    public static let ioFailure: Int32 = 74

    /// The line reported for a failure: `error: FIELD: MESSAGE`, escaped so that it is one line
    /// and no character reaches the terminal raw.
    public static func line(_ field: String, _ message: String) -> String {
        "error: " + TerminalText.escaped(field) + ": " + TerminalText.escaped(message)
    }

    /// Writes ``line(_:_:)`` and a line break to standard error.
    public static func report(_ field: String, _ message: String) {
        FileHandle.standardError.write(Data((line(field, message) + "\n").utf8))
    }

    /// The status, field and message for a store error: a file that is not a ChipChart store
    /// (or was made by a newer version) is bad input naming `db` (65); anything else is a
    /// failure to read or write the records (74).
    public static func classify(_ error: StoreError) -> (status: Int32, field: String, message: String) {
        if error.code == .incompatibleStorage {
            return (invalidInput, "db", "\(error.message) (\(error.code))")
        }
        return (ioFailure, "records", error.description)
    }
}

/// An input the command was pointed at does not exist: a database file for a command that only
/// reads, a scenario file. Status 66.
public struct MissingInput: Error, Sendable, CustomStringConvertible {
    /// The option or argument that names the input, such as `db`.
    public let field: String
    /// What is missing, for a person.
    public let message: String

    /// Creates the error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
