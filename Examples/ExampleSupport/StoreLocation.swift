public import ChipChart
import ChipChartPostgres
import ChipChartSQLite
public import Foundation
public import Logging

#if PostgreSQL
    import PostgresNIO
#endif

/// Where an example keeps its records: an SQLite file, or a PostgreSQL database by URL.
///
/// `postgres://USER@HOST:PORT/DATABASE` opens the PostgreSQL store (in a build with
/// `--traits PostgreSQL`); anything else is the path of an SQLite file, created when missing.
public struct StoreLocation: Sendable, CustomStringConvertible {
    /// The `--db` text.
    public let text: String

    /// A location from the `--db` option.
    public init(_ text: String) { self.text = text }

    /// True for a `postgres://` URL.
    public var isPostgres: Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// The path, or the URL without its password.
    public var description: String {
        guard isPostgres, let url = URLComponents(string: text) else { return text }
        var shown = url
        shown.password = nil
        return shown.string ?? "postgres://…"
    }

    /// Opens the store, runs `body` with it, and closes it; the store's own messages go to
    /// standard error, at `logLevel` and worse only.
    ///
    /// Both stores can also be listed whole and restored (``ChipChart/ArchivableStore``): the
    /// archive moves a clinic from one to the other.
    ///
    /// - Throws: ``ChipChart/StoreError`` from opening; ``ChipChart/ValidationError`` (field `db`)
    ///   for a `postgres://` URL in a build without the PostgreSQL store; whatever `body` throws.
    public func withStore<Result>(
        now: @escaping @Sendable () -> Date = { Date() },
        logLevel: Logger.Level = .warning,
        _ body: (any ArchivableStore) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "chipchart.example.records") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel
        guard isPostgres else {
            return try await body(try SQLiteStore(path: text, logger: logger, now: now))
        }
        #if PostgreSQL
            let client = PostgresClient(configuration: try PostgresStore.clientConfiguration(url: text))
            let running = Task { await client.run() }
            defer { running.cancel() }
            return try await body(try await PostgresStore.open(client: client, logger: logger, now: now))
        #else
            throw ValidationError(
                field: "db",
                reason: .invalidFormat,
                message: "this build has no PostgreSQL store: build with --traits PostgreSQL"
            )
        #endif
    }
}
