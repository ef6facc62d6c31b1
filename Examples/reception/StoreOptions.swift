import ArgumentParser
import ChipChart
import ExampleSupport
import Foundation

/// The `--db` option shared by the subcommands that touch records.
struct StoreOptions: ParsableArguments {
    @Option(
        help:
            "The clinic's records: an SQLite file (check-in creates it when missing; patient needs it), or a postgres:// URL (built with --traits PostgreSQL)."
    )
    var db = "reception.sqlite"

    /// Opens the store the option names, runs `body` with it, and closes it. A command that
    /// only reads (`use` `.read`) refuses a path where no database is, and never creates one.
    /// The store's own messages go to standard error, errors only: the command reports its
    /// failure itself, in one line.
    func withStore<Result>(
        for use: StoreLocation.Use,
        _ body: (any RecordStore) async throws -> Result
    ) async throws -> Result {
        try await StoreLocation(db).withStore(for: use, logLevel: StoreLocation.commandLogLevel) { try await body($0) }
    }
}

/// How the examples report a failure: one line on standard error, a sysexits status.
enum Failure {
    /// Invalid input (a card, a code, an option value): status 65, naming the field.
    static func invalid(_ error: ChipChart.ValidationError) -> ExitCode {
        CommandFailure.report(error.field, "\(error.message) (\(error.reason))")
        return ExitCode(CommandFailure.invalidInput)
    }

    /// An input that does not exist (a database for a command that reads, a scenario file):
    /// status 66, naming it.
    static func missing(_ error: MissingInput) -> ExitCode {
        CommandFailure.report(error.field, error.message)
        return ExitCode(CommandFailure.missingInput)
    }

    /// The records could not be read or written: status 74; a file that is not a ChipChart
    /// store is bad input naming `db` (65).
    static func storage(_ error: StoreError) -> ExitCode {
        let failure = CommandFailure.classify(error)
        CommandFailure.report(failure.field, failure.message)
        return ExitCode(failure.status)
    }
}
