import ArgumentParser
import ChipChart
import ChipChartSQLite
import Foundation
import Logging

/// The `--db` option shared by the subcommands that touch records.
struct StoreOptions: ParsableArguments {
    @Option(help: "The clinic's records: an SQLite file (created when missing).")
    var db = "reception.sqlite"

    /// Opens the store the option names; the store's own messages go to standard error, warnings
    /// and worse only.
    func open() throws -> any RecordStore {
        var logger = Logger(label: "reception.records") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        return try SQLiteStore(path: db, logger: logger)
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
