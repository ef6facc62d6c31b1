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
/// `--traits PostgreSQL`); anything else is the path of an SQLite file. A command that only reads
/// (``Use/read``) refuses a path where no database is; one that writes creates it.
public struct StoreLocation: Sendable, CustomStringConvertible {
    /// What a command does with the records, which decides what it accepts at the path.
    public enum Use: Sendable {
        /// Only reads (a timeline, a FHIR bundle, claims, a backup): a missing file is refused
        /// (``MissingInput``, status 66) and never created; so is a zero-length file, which
        /// holds no database.
        case read
        /// Writes (a check-in, a restore): a missing file is created. A zero-length file is
        /// taken as SQLite takes it, as an empty database, and becomes a new store.
        case write
    }

    /// The `--db` text.
    public let text: String

    /// The level of the store's own messages for a command that reports its failures itself, in
    /// one line: errors only.
    public static let commandLogLevel = Logger.Level.error

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
    /// - Throws: ``MissingInput`` (field `db`) when a command that reads finds no database at
    ///   the path; ``ChipChart/ValidationError`` (field `db`) for a path that is not a regular
    ///   file, a file that is not a ChipChart store, or a `postgres://` URL in a build without
    ///   the PostgreSQL store; ``ChipChart/StoreError`` from opening; whatever `body` throws.
    public func withStore<Result>(
        for use: Use = .write,
        now: @escaping @Sendable () -> Date = { Date() },
        logLevel: Logger.Level = .warning,
        _ body: (any ArchivableStore) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "chipchart.example.records") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel
        guard isPostgres else {
            try checkFile(for: use)
            return try await body(try openSQLite(logger: logger, now: now))
        }
        #if PostgreSQL
            let client = PostgresClient(configuration: try PostgresStore.clientConfiguration(url: text))
            let running = Task { await client.run() }
            defer { running.cancel() }
            let store = try await PostgresStore.open(client: client, logger: logger, now: now)
            let result = try await body(store)
            // The last reads' audit events, before the process ends.
            try await store.writePendingReads()
            return result
        #else
            throw ValidationError(
                field: "db",
                reason: .invalidFormat,
                message: "this build has no PostgreSQL store: build with --traits PostgreSQL"
            )
        #endif
    }

    /// Checks the SQLite path before anything opens it: a path that exists must be a regular
    /// file (a FIFO would block the open forever, a directory or a device is no database); for
    /// a command that only reads, the file must exist and not be empty.
    ///
    /// - Throws: ``MissingInput`` (field `db`) or ``ChipChart/ValidationError`` (field `db`).
    public func checkFile(for use: Use) throws {
        guard !isPostgres else { return }
        let resolved = URL(fileURLWithPath: text).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
            guard use == .write else {
                throw MissingInput(field: "db", message: "no database at this path")
            }
            return
        }
        let type = attributes[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw ValidationError(
                field: "db",
                reason: .invalidFormat,
                message: "the path is \(Self.describe(type)), not a database file"
            )
        }
        if use == .read, (attributes[.size] as? NSNumber)?.intValue == 0 {
            throw MissingInput(field: "db", message: "the file is empty: no ChipChart database there")
        }
    }

    /// Opens the SQLite store; a file that is not a ChipChart store is bad input naming `db`.
    private func openSQLite(logger: Logger, now: @escaping @Sendable () -> Date) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: text, logger: logger, now: now)
        } catch {
            guard error.code == .incompatibleStorage else { throw error }
            throw ValidationError(field: "db", reason: .invalidFormat, message: error.message)
        }
    }

    private static func describe(_ type: FileAttributeType?) -> String {
        switch type {
        case .typeDirectory?: return "a directory"
        case .typeCharacterSpecial?, .typeBlockSpecial?: return "a device"
        case .typeSocket?: return "a socket"
        case .typeSymbolicLink?: return "a broken symbolic link"
        default: return "a FIFO or another special file"
        }
    }
}
