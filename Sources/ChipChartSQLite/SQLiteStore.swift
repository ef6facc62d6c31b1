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
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let store = try SQLiteStore(path: "chipchart.sqlite")  // in production: /var/lib/clinic/…
/// try await store.commit(changes)
/// let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
/// ```
///
/// Writes go through a connection that works on a serial queue of its own, off Swift's shared
/// threads: a caller waiting for another process's lock, or for the disk, suspends and holds up no
/// other task. Reads go through a second connection, used for reads only, on the caller's thread: in
/// write-ahead-log mode a reader never waits for a writer. Each operation is one short transaction.
///
/// Reads are audited as every read must be, but a read writes nothing itself: its event waits in
/// memory and is written in the same transaction as the next commit, or within 100 milliseconds
/// when no commit comes (``Configuration/readEventWindow``), and before the trail is read. A check-in — its
/// lookups, its checks and its commit — is one write transaction. A crash can lose the read events
/// of the last 100 milliseconds, never a commit.
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
    private let session: SerialSession<Session>
    private let reader: ReadSession
    /// The audit events of reads waiting for the next write.
    let pendingReads = PendingReadEvents()

    /// What the queue guards: the writing connection and the coder that goes with it.
    final class Session {
        let connection: SQLiteConnection
        let coder = RecordCoder()
        /// The `synchronous` level currently set on the connection.
        var synchronous: Configuration.Synchronous?
        /// Write transactions begun on this connection (for measurements and tests).
        var writeTransactions = 0

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
    public convenience init(
        path: String,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "chipchart.sqlite", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(StoreError) {
        try self.init(path: path, configuration: configuration, logger: logger, now: now, staging: false)
    }

    /// Opens (or creates) the store at `path`; with `staging`, a file being built by
    /// ``create(path:loading:configuration:logger:now:)`` that is not a store yet: its journal is
    /// kept in memory instead of the write-ahead log, so a load writes each page once.
    init(
        path: String,
        configuration: Configuration,
        logger: Logger,
        now: @escaping @Sendable () -> Date,
        staging: Bool
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
            // The writing connection is the file's only one yet: it may leave the log.
            let journal = staging ? "memory" : "wal"
            if staging { _ = try connection.textPragma("PRAGMA journal_mode = MEMORY") }
            guard try connection.textPragma("PRAGMA journal_mode").first?.lowercased() == journal else {
                throw StoreError(.storageFailure, "the file could not be switched to write-ahead logging")
            }
            session = SerialSession(Session(connection: connection), label: "chipchart.sqlite")
            reader = ReadSession(
                connection: try SQLiteConnection(
                    .init(
                        path: path,
                        busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds,
                        createIfMissing: false
                    )
                )
            )
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

    /// Runs `body` with the writing connection in one write transaction, at the given durability,
    /// and turns every failure into a ``StoreError``. The read events waiting in memory are written
    /// first, in the same transaction.
    func withTransaction<T: Sendable>(
        _ action: String,
        synchronous: Configuration.Synchronous,
        _ body: @escaping @Sendable (SQLiteConnection, RecordCoder) throws -> T
    ) async throws(StoreError) -> T {
        let attempts = configuration.transactionAttempts
        let pending = pendingReads
        do {
            return try await session.run { session in
                try Self.write(in: session, pending: pending, synchronous: synchronous, attempts: attempts, body)
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

    /// Runs `body` in one write transaction on the queue while the caller waits, blocking its
    /// thread: for bulk work that pulls its input as it goes (a restore, a load), which runs for
    /// long and is started off the shared threads by its caller.
    func withBlockingTransaction<T>(
        _ action: String,
        synchronous: Configuration.Synchronous,
        _ body: (SQLiteConnection, RecordCoder) throws -> T
    ) throws(StoreError) -> T {
        let attempts = configuration.transactionAttempts
        let pending = pendingReads
        do {
            return try session.runBlocking { session in
                try Self.write(in: session, pending: pending, synchronous: synchronous, attempts: attempts, body)
            }
        } catch {
            let storeError = StoreError.wrapping(error, while: action)
            logger.warning(
                "SQLite store operation failed",
                metadata: ["action": "\(action)", "error": "\(storeError.code)"]
            )
            throw storeError
        }
    }

    /// Runs `body` with the writing connection's page cache at `kibibytes` (SQLite's default is
    /// 2,000), then sets it back: a bulk load keeps the pages of the indexes it inserts into at
    /// random places in memory instead of reading them again for every insert.
    func withWriterPageCache<T>(kibibytes: Int, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let previous: Int64
        do {
            previous = try session.runBlocking { session in
                let previous = try session.connection.integerPragma("cache_size")
                try session.connection.execute("PRAGMA cache_size = -\(max(1, kibibytes))")
                return previous
            }
        } catch {
            throw StoreError.wrapping(error, while: "enlarging the page cache")
        }
        defer { session.runBlocking { try? $0.connection.execute("PRAGMA cache_size = \(previous)") } }
        return try body()
    }

    /// Runs `body` with the writing connection on the queue, outside any transaction, while the
    /// caller waits (a checkpoint after a load).
    func withWritingConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try session.runBlocking { try body($0.connection) }
    }

    /// One write transaction on the queue: the pending read events, then `body`. Events that
    /// could not be written wait for the next write.
    private static func write<T>(
        in session: Session,
        pending: PendingReadEvents,
        synchronous: Configuration.Synchronous,
        attempts: Int,
        _ body: (SQLiteConnection, RecordCoder) throws -> T
    ) throws -> T {
        if session.synchronous != synchronous {
            try session.connection.withStatement("PRAGMA synchronous = \(synchronous.pragmaValue)") { try $0.run() }
            session.synchronous = synchronous
        }
        let reads = pending.take()
        session.writeTransactions += 1
        do {
            return try session.connection.transaction(.immediate, attempts: attempts) {
                _ = try appendAudit(reads, on: session.connection)
                return try body(session.connection, session.coder)
            }
        } catch {
            pending.giveBack(reads)
            throw error
        }
    }

    /// Runs read-only work on the reading connection, in a read transaction, on the caller's
    /// thread: a reader never waits for a writer.
    func withConnection<T>(
        _ action: String,
        _ body: (SQLiteConnection, RecordCoder) throws -> T
    ) throws(StoreError) -> T {
        let attempts = configuration.transactionAttempts
        do {
            return try reader.withLock { connection, coder in
                try connection.transaction(.deferred, attempts: attempts) { try body(connection, coder) }
            }
        } catch {
            throw StoreError.wrapping(error, while: action)
        }
    }

    /// Runs a read and keeps its audit event for the next write: the next commit's transaction,
    /// or a flush within the configured window.
    func audited<T>(
        _ action: String,
        _ access: Access,
        searching: Bool = false,
        _ read: (SQLiteConnection, RecordCoder) throws -> AuditedRead<T>
    ) throws(StoreError) -> T {
        let outcome = try withConnection(action, read)
        let draft = AuditEvent.Draft.read(
            at: now(),
            by: access,
            found: outcome.subject,
            kind: outcome.kind,
            detail: outcome.detail,
            searching: searching
        )
        if pendingReads.append([draft]) {
            // The flush runs on the store's own queue, whatever the shared threads are doing.
            let pending = pendingReads
            let synchronous = configuration.readAuditSynchronous
            let attempts = configuration.transactionAttempts
            let logger = self.logger
            session.runLater(after: configuration.readEventWindow) { session in
                pending.flushed()
                guard pending.count > 0 else { return }
                do {
                    try Self.write(in: session, pending: pending, synchronous: synchronous, attempts: attempts) {
                        _,
                        _ in
                    }
                } catch {
                    logger.warning(
                        "the audit events of reads wait for the next write",
                        metadata: ["count": "\(pending.count)", "error": "\(error)"]
                    )
                }
            }
        }
        return outcome.result
    }

    /// Writes the read events waiting in memory, if any, in one transaction of their own.
    func writePendingReads() async throws(StoreError) {
        guard pendingReads.count > 0 else { return }
        try await withTransaction("writing the audit events of reads", synchronous: configuration.readAuditSynchronous)
        {
            _,
            _ in
        }
    }

    /// The writing connection's page cache (`PRAGMA cache_size`; negative in kibibytes), for tests:
    /// a load enlarges it while it runs and sets it back.
    var writerPageCacheSize: Int64 {
        (try? session.runBlocking { try $0.connection.integerPragma("cache_size") }) ?? 0
    }

    /// How many write transactions this store has begun: a check-in should be one.
    var writeTransactionCount: Int {
        session.runBlocking { $0.writeTransactions }
    }

    deinit {
        guard pendingReads.count > 0 else { return }
        let synchronous = configuration.readAuditSynchronous
        let attempts = configuration.transactionAttempts
        let pending = pendingReads
        let logger = self.logger
        session.runBlocking { session in
            do {
                try Self.write(in: session, pending: pending, synchronous: synchronous, attempts: attempts) { _, _ in }
            } catch {
                // The failure that stopped the writes has been reported to the caller already.
                logger.warning(
                    "the audit events of the last reads could not be written",
                    metadata: ["count": "\(pending.count)", "error": "\(error)"]
                )
            }
        }
    }
}
