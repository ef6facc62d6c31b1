public import ChipChart
public import Foundation

extension SQLiteStore: ArchivableStore {
    /// Patients after an id, in id order (the `uuid` index); not audited.
    public func allPatients(after id: PatientID?, limit: Int) async throws -> [Patient] {
        try withConnection("listing patients") {
            try Self.listing(Patient.self, "patient", $0, $1, after: id?.uuid, limit: limit)
        }
    }

    /// Coverages by patient id, then in the order first stored; not audited.
    public func allCoverages(after id: CoverageID?, limit: Int) async throws -> [Coverage] {
        try withConnection("listing coverages") { try Self.listCoverages($0, $1, after: id, limit: limit) }
    }

    /// Visits after an id, in id order; not audited.
    public func allVisits(after id: VisitID?, limit: Int) async throws -> [Visit] {
        try withConnection("listing visits") {
            try Self.listing(Visit.self, "visit", $0, $1, after: id?.uuid, limit: limit)
        }
    }

    /// Lends a listing on a connection of its own that holds one read transaction from start to
    /// end: in write-ahead-log mode the listing sees the file as it was when the snapshot began
    /// while desks (of this process or others) go on committing, undelayed. The log grows
    /// meanwhile and is checkpointed once the snapshot ends.
    public func withSnapshot<Result>(_ body: (any ArchiveListing) async throws -> Result) async throws -> Result {
        let snapshot = try SQLiteSnapshot(path: path, configuration: configuration)
        defer { snapshot.end() }
        return try await body(snapshot)
    }

    /// Visits admitted in `[start, end)` after an id, in id order: a walk of the `uuid` index
    /// that skips visits outside the range; not audited.
    public func visits(
        admittedFrom start: Date,
        until end: Date,
        after id: VisitID?,
        limit: Int
    ) async throws
        -> [Visit]
    {
        try withConnection("listing visits admitted in a range") { connection, coder in
            try Self.fetchAll(
                Visit.self,
                connection,
                coder,
                """
                SELECT version, body FROM visit
                WHERE uuid > coalesce(?1, x'') AND admitted_at >= ?2 AND admitted_at < ?3
                ORDER BY uuid LIMIT ?4
                """
            ) { statement in
                try statement.bind(id?.uuid, at: 1)
                try statement.bind(Self.milliseconds(start), at: 2)
                try statement.bind(Self.milliseconds(end), at: 3)
                try statement.bind(max(0, limit), at: 4)
            }
        }
    }

    /// Appends one `export` audit event.
    public func recordExport(by access: Access, detail: String?) async throws {
        let draft = AuditEvent.Draft(
            at: now(),
            staff: access.staff,
            action: .export,
            purpose: access.purpose,
            detail: detail
        )
        try await withTransaction("recording an export", synchronous: configuration.readAuditSynchronous) {
            connection,
            _ in
            _ = try Self.appendAudit([draft], on: connection)
        }
    }

    /// Fills the empty file in one transaction, reading the records from `next` as it goes:
    /// memory stays flat however large the archive (SQLite's page cache, 64 MiB during the
    /// restore, and one record). Any failure rolls the whole restore back.
    @discardableResult
    public func restore(from next: () throws -> ArchiveRecord?) async throws -> ArchiveRecord.Counts {
        var started = false
        var sourceError: (any Error)?
        func pull() throws -> ArchiveRecord? {
            do {
                return try next()
            } catch {
                sourceError = error
                throw error
            }
        }
        do {
            // As a load: the indexes on names and identifiers receive their entries at random places.
            return try withWriterPageCache(kibibytes: Self.loadPageCacheKibibytes) { () throws(StoreError) in
                try restoreTransaction(pull, started: &started)
            }
        } catch {
            // The source's own error (a truncated archive) matters more than the rollback.
            throw sourceError ?? error
        }
    }

    private func restoreTransaction(
        _ next: () throws -> ArchiveRecord?,
        started: inout Bool
    ) throws(StoreError) -> ArchiveRecord.Counts {
        try withBlockingTransaction("restoring a store", synchronous: configuration.synchronous) { connection, coder in
            guard !started else {
                throw StoreError(.storageFailure, "the restore lost its transaction and cannot start again")
            }
            started = true
            let occupied = try connection.withStatement(
                """
                SELECT EXISTS (SELECT 1 FROM patient) OR EXISTS (SELECT 1 FROM coverage)
                    OR EXISTS (SELECT 1 FROM visit) OR EXISTS (SELECT 1 FROM audit_event)
                """
            ) { statement in try statement.step() && statement.int(0) != 0 }
            guard !occupied else { throw StoreError(.notEmpty, "a store can only be restored when it is empty") }
            var check = RestoreCheck()
            while let record = try next() {
                try check.consume(record)
                let writer = CommitWriter(connection: connection, coder: coder)
                switch record {
                case .patient(let patient): try writer.writePatients([patient])
                case .coverage(let coverage): try writer.writeCoverages([coverage])
                case .visit(let visit): try writer.writeVisits([visit], keepingEarlierOpenVisits: true)
                case .auditEvent(let event): try Self.insert(event, on: connection)
                }
            }
            return check.counts
        }
    }

    // MARK: - Helpers

    static func listCoverages(
        _ connection: SQLiteConnection,
        _ coder: RecordCoder,
        after id: CoverageID?,
        limit: Int
    ) throws -> [Coverage] {
        let order = "ORDER BY p.uuid, c.pk LIMIT ?2"
        let sql =
            id == nil
            ? "SELECT c.version, c.body FROM coverage c JOIN patient p ON p.pk = c.patient WHERE ?1 IS NULL \(order)"
            : """
            SELECT c.version, c.body FROM coverage c JOIN patient p ON p.pk = c.patient
            WHERE (p.uuid, c.pk) > (SELECT p2.uuid, c2.pk FROM coverage c2 JOIN patient p2 ON p2.pk = c2.patient
                                    WHERE c2.uuid = ?1) \(order)
            """
        return try fetchAll(Coverage.self, connection, coder, sql) { statement in
            try statement.bind(id?.uuid, at: 1)
            try statement.bind(max(0, limit), at: 2)
        }
    }

    /// Records of a table whose rows are listed in id order (the `uuid` index), after an id.
    static func listing<Record: EvolvableRecord & VersionedRecord>(
        _ type: Record.Type,
        _ table: String,
        _ connection: SQLiteConnection,
        _ coder: RecordCoder,
        after id: UUID?,
        limit: Int
    ) throws -> [Record] {
        try fetchAll(
            type,
            connection,
            coder,
            "SELECT version, body FROM \(table) WHERE uuid > coalesce(?1, x'') ORDER BY uuid LIMIT ?2"
        ) { statement in
            try statement.bind(id, at: 1)
            try statement.bind(max(0, limit), at: 2)
        }
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Inserts an event exactly as it was stored elsewhere: its sequence and hashes kept.
    private static func insert(_ event: AuditEvent, on connection: SQLiteConnection) throws {
        try connection.withStatement(insertAuditEventSQL) { try insert(event, with: $0) }
    }
}
