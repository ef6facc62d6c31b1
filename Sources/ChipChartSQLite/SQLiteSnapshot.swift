import ChipChart
import Foundation

/// The listing ``SQLiteStore/withSnapshot(_:)`` lends: a connection of its own, opened for
/// reading only, that holds one read transaction until ``end()``.
///
/// In write-ahead-log mode a read transaction sees the file as of its first read, whatever is
/// committed after, and holds up no writer. Calls are serialised by a lock; nothing inside awaits.
final class SQLiteSnapshot: ArchiveListing, @unchecked Sendable {
    private let lock = NSLock()
    private var connection: SQLiteConnection?
    private let coder = RecordCoder()

    /// Opens a connection to `path` and starts its read transaction.
    init(path: String, configuration: SQLiteStore.Configuration) throws(StoreError) {
        do {
            let connection = try SQLiteConnection(
                .init(
                    path: path,
                    busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds,
                    createIfMissing: false
                )
            )
            try connection.execute("PRAGMA query_only = ON")
            try connection.execute("BEGIN DEFERRED")
            // The first read fixes the snapshot: from here on, commits are not seen.
            _ = try connection.integerPragma("schema_version")
            try connection.withStatement("SELECT count(*) FROM audit_event") { _ = try $0.step() }
            self.connection = connection
        } catch {
            throw StoreError.wrapping(error, while: "opening a snapshot for an export")
        }
    }

    deinit {
        end()
    }

    /// Ends the read transaction and closes the connection; later calls fail.
    func end() {
        lock.lock()
        defer { lock.unlock() }
        connection?.rollbackIfNeeded()
        connection = nil
    }

    func allPatients(after id: PatientID?, limit: Int) async throws -> [Patient] {
        try read("listing patients") {
            try SQLiteStore.listing(Patient.self, "patient", $0, $1, after: id?.uuid, limit: limit)
        }
    }

    func allCoverages(after id: CoverageID?, limit: Int) async throws -> [Coverage] {
        try read("listing coverages") { try SQLiteStore.listCoverages($0, $1, after: id, limit: limit) }
    }

    func allVisits(after id: VisitID?, limit: Int) async throws -> [Visit] {
        try read("listing visits") {
            try SQLiteStore.listing(Visit.self, "visit", $0, $1, after: id?.uuid, limit: limit)
        }
    }

    func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEvent] {
        try read("reading the audit trail") { connection, _ in
            try SQLiteStore.readAuditEvents(after: sequence, limit: limit, on: connection)
        }
    }

    private func read<T>(_ action: String, _ body: (SQLiteConnection, RecordCoder) throws -> T) throws(StoreError) -> T
    {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else {
            throw StoreError(.storageFailure, "the snapshot has ended", underlying: action)
        }
        do {
            return try body(connection, coder)
        } catch {
            throw StoreError.wrapping(error, while: action)
        }
    }
}
