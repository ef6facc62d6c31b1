internal import CSQLite
public import ChipChart
public import Foundation
public import Logging

/// The embedded default ``RecordStore``: one SQLite file, safe for several processes at once.
///
/// A clinic without a database server keeps everything in one file. Every write is one
/// transaction holding the records and their audit events; with the default configuration a
/// commit returns only once it is on disk (WAL, `synchronous=FULL`), so a power cut loses no
/// acknowledged check-in. Several processes (reception desks) may open the same file; the
/// database serialises their writes and waits for a lock rather than failing.
///
/// ```swift
/// let store = try SQLiteStore(path: "/var/lib/clinic/chipchart.sqlite")
/// try await store.commit(changes)
/// let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
/// ```
///
/// Operations run on the calling thread while holding the store's one connection: each is a
/// single short transaction, so tasks wait for one another briefly rather than queueing work.
///
/// ## Topics
///
/// ### Opening
/// - ``init(path:configuration:logger:now:)``
/// - ``Configuration``
///
/// ### Checking the file
/// - ``checkIntegrity()``
/// - ``verifyAuditTrail()``
public final class SQLiteStore: RecordStore {
    /// The file's path.
    public let path: String
    /// How the store was opened.
    public let configuration: Configuration
    let logger: Logger
    let now: @Sendable () -> Date
    private let session: SessionLock<Session>

    /// What the lock guards: the connection and the coder that go with it.
    final class Session {
        let connection: SQLiteConnection
        let coder = RecordCoder()
        /// The `synchronous` level currently set on the connection.
        var synchronous: Configuration.Synchronous?

        init(connection: SQLiteConnection) { self.connection = connection }
    }

    /// Opens (or creates) the store at `path`, bringing its schema up to date.
    ///
    /// - Parameters:
    ///   - path: the database file; created with its folder's permissions when missing.
    ///   - configuration: durability and locking; the default is durable.
    ///   - logger: receives migrations and retries, never an identification number; by default
    ///     nothing is logged (a library never writes to standard output on its own).
    ///   - now: stamps audit events (inject a clock in tests).
    /// - Throws: ``StoreError`` — `incompatibleStorage` for a file that is not a ChipChart store
    ///   or was made by a newer version (the file is left untouched), `corruptStorage` for a
    ///   damaged file, `readOnly` for a file that cannot be written, `storageFailure` otherwise.
    public init(
        path: String,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "chipchart.sqlite", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(StoreError) {
        self.path = path
        self.configuration = configuration
        self.logger = logger
        self.now = now
        try Self.checkHeader(path)
        do {
            let connection = try SQLiteConnection(
                .init(path: path, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
            )
            guard !connection.isReadOnly else {
                throw StoreError(.readOnly, "the database file or its folder cannot be written")
            }
            try connection.execute("PRAGMA foreign_keys = ON")
            let migrator = SQLiteMigrator()
            let before = try connection.integerPragma("user_version")
            try migrator.migrate(connection)
            if before < migrator.latestVersion {
                logger.info(
                    "SQLite store schema migrated",
                    metadata: ["from": "\(before)", "to": "\(migrator.latestVersion)"]
                )
            }
            guard try connection.textPragma("PRAGMA journal_mode").first?.lowercased() == "wal" else {
                throw StoreError(.storageFailure, "the file could not be switched to write-ahead logging")
            }
            session = SessionLock(Session(connection: connection))
        } catch {
            throw Self.openError(error, path: path)
        }
    }

    /// Refuses a path that is not a regular file (a FIFO would block the open until a writer
    /// came; a directory or a device holds no database), and a file that exists but does not
    /// start like a SQLite database, before SQLite touches it.
    private static func checkHeader(_ path: String) throws(StoreError) {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            attributes[.type] as? FileAttributeType != .typeRegular
        {
            throw StoreError(.incompatibleStorage, "the path is not a regular file, so not a ChipChart store")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        guard !header.isEmpty else { return }
        let magic = Array("SQLite format 3".utf8) + [0]
        guard header.count >= magic.count, Array(header.prefix(magic.count)) == magic else {
            throw StoreError(.incompatibleStorage, "the file is not a SQLite database, so not a ChipChart store")
        }
        guard header.count == 100 else {
            throw StoreError(.corruptStorage, "the database file is truncated inside its header")
        }
    }

    private static func openError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? SQLiteError, error.code == .cantOpen || error.code == .readOnly,
            FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0
        {
            return StoreError(.readOnly, "the database file cannot be written", underlying: error.description)
        }
        return StoreError.wrapping(error, while: "opening the store")
    }

    // MARK: - Running work

    /// Runs `body` with the connection in one transaction, at the given durability, and turns
    /// every failure into a ``StoreError``.
    func withTransaction<T>(
        _ action: String,
        synchronous: Configuration.Synchronous,
        _ body: (SQLiteConnection, RecordCoder) throws -> T
    ) throws(StoreError) -> T {
        do {
            return try session.withLock { session in
                if session.synchronous != synchronous {
                    try session.connection.withStatement("PRAGMA synchronous = \(synchronous.pragmaValue)") {
                        try $0.run()
                    }
                    session.synchronous = synchronous
                }
                return try session.connection.transaction(.immediate, attempts: configuration.transactionAttempts) {
                    try body(session.connection, session.coder)
                }
            }
        } catch {
            let storeError = StoreError.wrapping(error, while: action)
            // A lost race or a missing reference is the caller's to handle, not a failure of the file.
            if ![.versionConflict, .duplicateIdentifier, .openVisitExists, .missingRecord].contains(storeError.code) {
                logger.warning(
                    "SQLite store operation failed",
                    metadata: ["action": "\(action)", "error": "\(storeError.code)"]
                )
            }
            throw storeError
        }
    }

    /// Runs read-only work on the connection outside any write lock.
    func withConnection<T>(
        _ action: String,
        _ body: (SQLiteConnection, RecordCoder) throws -> T
    ) throws(StoreError) -> T {
        do {
            return try session.withLock { session in
                try session.connection.transaction(.deferred, attempts: configuration.transactionAttempts) {
                    try body(session.connection, session.coder)
                }
            }
        } catch {
            throw StoreError.wrapping(error, while: action)
        }
    }
}
