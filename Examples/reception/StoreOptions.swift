import ArgumentParser
import ChipChart
import ExampleSupport
import Foundation

/// The `--db` option shared by the subcommands that touch records.
struct StoreOptions: ParsableArguments {
    @Option(
        help:
            "The clinic's records: an SQLite file (created when missing), or a postgres:// URL (built with --traits PostgreSQL)."
    )
    var db = "reception.sqlite"

    /// Opens the store the option names, runs `body` with it, and closes it.
    func withStore<Result>(_ body: (any RecordStore) async throws -> Result) async throws -> Result {
        try await StoreLocation(db).withStore { try await body($0) }
    }
}

/// How the examples report a failure: one line on standard error, a sysexits status.
enum Failure {
    /// Invalid input (a card, a code, an option value): status 65, naming the field.
    static func invalid(_ error: ChipChart.ValidationError) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error.field): \(error.message) (\(error.reason))\n".utf8))
        return ExitCode(65)
    }

    /// The records could not be read or written: status 74.
    static func storage(_ error: StoreError) -> ExitCode {
        FileHandle.standardError.write(Data("error: records: \(error)\n".utf8))
        return ExitCode(74)
    }
}
