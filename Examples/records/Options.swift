import ArgumentParser
import ChipChart
import ExampleSupport
import Foundation
import Logging

/// The options every subcommand shares: the database and who acts.
struct CommonOptions: ParsableArguments {
    @Option(
        help:
            "The clinic's records: an SQLite file (restore creates it; the other commands need it), or a postgres:// URL (built with --traits PostgreSQL)."
    )
    var db = "reception.sqlite"

    /// What the running command does with the records: only `restore` writes a new database;
    /// the others only read and refuse a path where no database is. Set where the command is
    /// dispatched (`Records.main`).
    @TaskLocal static var use: StoreLocation.Use = .write

    @Option(name: .long, help: "Who acts, for the audit trail: \"NAME|PERSONAL_ID\".")
    var staff: String?

    /// Where the records are.
    var location: StoreLocation { StoreLocation(db) }

    /// Opens the store, runs `body` with it, and closes it; the store's own messages go to
    /// standard error, errors only (the command reports its failure itself, in one line).
    ///
    /// - Throws: `MissingInput` (`db`) when a command that only reads finds no database at the
    ///   path; `ValidationError` (`db`) for a path that is not a regular file or a file that is
    ///   not a ChipChart store; whatever `body` throws.
    func withStore<Result>(_ body: (any ArchivableStore) async throws -> Result) async throws -> Result {
        try await location.withStore(for: Self.use, logLevel: .error, body)
    }

    /// Who acts: `--staff`, else `CHIPCHART_STAFF`, else the operating-system account with the
    /// reserved personal ID that no card carries, under the system role. A named staff member
    /// acts in `role` (a command that exports claims names the claims officer's).
    func actor(role: Staff.Role = .receptionist) throws -> Staff {
        if let text = staff ?? ProcessInfo.processInfo.environment["CHIPCHART_STAFF"] {
            return try Staff(commandLine: text, role: role)
        }
        let account = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return Staff(
            name: try PersonName("command line \(account)"),
            personalID: try PersonalID("001000000000"),
            role: .system
        )
    }
}

/// How the command reports a failure: one line on standard error, a sysexits status.
enum Failure {
    /// Invalid input: status 65, naming the field.
    static func invalid(_ field: String, _ message: String) -> ExitCode {
        report("\(field): \(message)")
        return ExitCode(65)
    }

    /// A value that failed validation: status 65, naming its field.
    static func invalid(_ error: ChipChart.ValidationError) -> ExitCode {
        invalid(error.field, "\(error.message) (\(error.reason))")
    }

    /// Something named does not exist (a patient, an archive file): status 66.
    static func missing(_ field: String, _ message: String) -> ExitCode {
        report("\(field): \(message)")
        return ExitCode(66)
    }

    /// Something named does not exist (a database for a command that only reads): status 66.
    static func missing(_ error: MissingInput) -> ExitCode {
        missing(error.field, error.message)
    }

    /// A file could not be written: status 74, naming its field.
    static func unwritable(_ field: String, _ message: String) -> ExitCode {
        report("\(field): \(message)")
        return ExitCode(74)
    }

    /// The records could not be read or written: status 74.
    static func storage(_ message: String) -> ExitCode {
        report("records: \(message)")
        return ExitCode(74)
    }

    /// A store error: a file that is not a ChipChart store is bad input naming `db` (65);
    /// anything else is status 74.
    static func storage(_ error: StoreError) -> ExitCode {
        let failure = CommandFailure.classify(error)
        CommandFailure.report(failure.field, failure.message)
        return ExitCode(failure.status)
    }

    /// One line, escaped: no character of a message reaches the terminal raw.
    private static func report(_ line: String) {
        FileHandle.standardError.write(Data("error: \(TerminalText.escaped(line))\n".utf8))
    }
}

extension CalendarDate {
    /// Parses `yyyy-MM-dd`, naming `field` when it fails.
    static func iso(_ text: String, field: String) throws(ChipChart.ValidationError) -> CalendarDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw ChipChart.ValidationError(field: field, reason: .invalidFormat, message: "expected yyyy-MM-dd")
        }
        return try CalendarDate(year: year, month: month, day: day, field: field)
    }
}
