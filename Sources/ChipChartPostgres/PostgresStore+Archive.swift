#if PostgreSQL
    public import ChipChart
    public import Foundation
    import Logging
    import PostgresNIO

    extension PostgresStore: ArchivableStore {
        /// Patients after an id, in id order (the primary key); not audited.
        public func allPatients(after id: PatientID?, limit: Int) async throws -> [Patient] {
            try await pages.allPatients(after: id, limit: limit)
        }

        /// Coverages by patient id, then in the order first stored (the `coverages_patient` index);
        /// not audited.
        public func allCoverages(after id: CoverageID?, limit: Int) async throws -> [Coverage] {
            try await pages.allCoverages(after: id, limit: limit)
        }

        /// Visits after an id, in id order; not audited.
        public func allVisits(after id: VisitID?, limit: Int) async throws -> [Visit] {
            try await pages.allVisits(after: id, limit: limit)
        }

        /// The store's listings, each page on a connection of the pool.
        var pages: PostgresListing { PostgresListing(runner: .pool(client), tables: tables, logger: logger) }

        /// Lends a listing on one connection that holds a `REPEATABLE READ`, `READ ONLY`
        /// transaction from start to end: every listing reads the one snapshot the server took
        /// when the transaction began, while other sessions go on committing, undelayed.
        public func withSnapshot<Result>(_ body: (any ArchiveListing) async throws -> Result) async throws -> Result {
            let tables = self.tables
            let logger = self.logger
            do {
                return try await client.withConnection { connection in
                    try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                    let snapshot = PostgresListing(runner: .connection(connection), tables: tables, logger: logger)
                    do {
                        // The first statement fixes the snapshot: from here on, commits are not seen.
                        try await connection.query("SELECT 1", logger: logger)
                        let value = try await body(snapshot)
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    } catch {
                        if TransactionFailure(error).connectionSurvives {
                            _ = try? await connection.query("ROLLBACK", logger: logger)
                        }
                        throw error
                    }
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw TransactionFailure(error).storeError
            }
        }

        /// Visits admitted in `[start, end)` after an id, in id order: a range of the
        /// `visits_admitted` index, sorted; not audited.
        public func visits(
            admittedFrom start: Date,
            until end: Date,
            after id: VisitID?,
            limit: Int
        ) async throws
            -> [Visit]
        {
            try await pages.listing(
                Visit.self,
                """
                SELECT version, document::text FROM \(unescaped: tables.visits)
                WHERE admitted_at >= \(start) AND admitted_at < \(end)
                    AND (\(id?.uuid)::uuid IS NULL OR id > \(id?.uuid))
                ORDER BY id LIMIT \(max(0, limit))
                """
            )
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
            _ = try await appendingAudit([draft], "recording an export")
        }

        /// Fills the empty schema in one transaction, reading the records from `next` as it goes
        /// and writing them in batches: memory stays flat however large the archive. The head of
        /// the audit chain is locked first, so no desk writes while the restore runs. Any failure
        /// rolls the whole restore back; it is never retried (the source is read once).
        @discardableResult
        public func restore(from next: () throws -> ArchiveRecord?) async throws -> ArchiveRecord.Counts {
            try await restore(from: next, batchSize: Self.restoreBatchSize)
        }

        /// ``restore(from:)`` sending at most `batchSize` records of one kind in one `COPY`.
        func restore(from next: () throws -> ArchiveRecord?, batchSize: Int) async throws -> ArchiveRecord.Counts {
            var sourceError: (any Error)?
            func pull() throws -> ArchiveRecord? {
                do {
                    return try next()
                } catch {
                    sourceError = error
                    throw error
                }
            }
            let tables = self.tables
            let logger = self.logger
            do {
                return try await client.withConnection { connection in
                    try await Self.transaction(on: connection, logger: logger) { connection in
                        try await Self.restore(pull, into: tables, batchSize: batchSize, on: connection, logger: logger)
                    }
                }
            } catch {
                // The source's own error (a truncated archive) matters more than the rollback.
                if let sourceError { throw sourceError }
                let storeError = Self.repeated(error) ?? TransactionFailure(error).storeError
                logger.warning("restore failed", metadata: ["error": "\(storeError)"])
                throw storeError
            }
        }

        /// How many records of one kind a restore sends in one `COPY`. Each `COPY` costs the server
        /// a statement of its own (the table opened, its insert buffers set up and flushed): at
        /// 1,000 records a batch that came to about a tenth of the backend's time. Two batches are
        /// held at once (one read, one written): about 50 MB more at the peak than at 1,000, the
        /// same however large the archive.
        static let restoreBatchSize = 10_000

        private static func restore(
            _ next: () throws -> ArchiveRecord?,
            into tables: Tables,
            batchSize: Int,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> ArchiveRecord.Counts {
            // The chain heads first: no desk appends to the trail while the restore runs.
            try await connection.query("LOCK TABLE \(unescaped: tables.auditHeads) IN EXCLUSIVE MODE", logger: logger)
            // COPY names its table unqualified: the restore's tables are the schema's.
            try await connection.query("SET LOCAL search_path TO \(unescaped: tables.schema)", logger: logger)
            let occupied = try await connection.query(
                """
                SELECT EXISTS (SELECT 1 FROM \(unescaped: tables.patients))
                    OR EXISTS (SELECT 1 FROM \(unescaped: tables.coverages))
                    OR EXISTS (SELECT 1 FROM \(unescaped: tables.visits))
                    OR EXISTS (SELECT 1 FROM \(unescaped: tables.auditEvents))
                """,
                logger: logger
            )
            for try await isOccupied in occupied.decode(Bool.self) where isOccupied {
                throw StoreError(.notEmpty, "a store can only be restored when it is empty")
            }
            // Empty: the rows go in without their secondary indexes and foreign keys, which are
            // made again over all of them before the commit. No other session reads the tables
            // meanwhile (a desk waits for the restore, as it waits for the chain heads).
            try await connection.query(
                """
                LOCK TABLE \(unescaped: tables.patients), \(unescaped: tables.identifiers),
                    \(unescaped: tables.coverages), \(unescaped: tables.visits), \(unescaped: tables.visitCoverages),
                    \(unescaped: tables.auditEvents) IN ACCESS EXCLUSIVE MODE
                """,
                logger: logger
            )
            let structure = try await RestoreStructure.read(schema: tables.schema, on: connection, logger: logger)
            try await structure.drop(on: connection, logger: logger)
            // One batch is written (encoded, sent, applied by the server) while the next is read
            // from the source: at most one write is in flight, so the statements stay in order.
            return try await withThrowingTaskGroup(of: Void.self) { writes in
                var check = RestoreCheck()
                var pending: [ArchiveRecord] = []
                pending.reserveCapacity(batchSize)
                // Open slots already taken, and the visits that keep no slot: an archive written
                // before one open visit per slot was enforced may hold two, and both are kept.
                var takenSlots: Set<String> = []
                var slotless: Set<UUID> = []
                while let record = try next() {
                    try check.consume(record)
                    if case .visit(let visit) = record, let slot = visit.openSlot,
                        !takenSlots.insert("\(visit.patientID.uuid)/\(slot)").inserted
                    {
                        slotless.insert(visit.id.uuid)
                    }
                    if let first = pending.first, first.rank != record.rank || pending.count >= batchSize {
                        try await writes.next()
                        let batch = pending
                        let withoutSlot = slotless
                        writes.addTask {
                            try await write(
                                batch,
                                withoutSlot: withoutSlot,
                                into: tables,
                                on: connection,
                                logger: logger
                            )
                        }
                        pending.removeAll(keepingCapacity: true)
                    }
                    pending.append(record)
                }
                try await writes.waitForAll()
                try await write(pending, withoutSlot: slotless, into: tables, on: connection, logger: logger)
                try await structure.make(on: connection, logger: logger)
                try await rebuildHeads(in: tables, on: connection, logger: logger)
                return check.counts
            }
        }

        /// Writes records of one kind, as stored: their ids, versions, sequences and hashes kept.
        private static func write(
            _ records: [ArchiveRecord],
            withoutSlot slotless: Set<UUID>,
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws {
            let patients = records.compactMap { if case .patient(let patient) = $0 { patient } else { nil } }
            let coverages = records.compactMap { if case .coverage(let coverage) = $0 { coverage } else { nil } }
            let visits = records.compactMap { if case .visit(let visit) = $0 { visit } else { nil } }
            let events = records.compactMap { if case .auditEvent(let event) = $0 { event } else { nil } }
            func send<Row: CopyRow>(_ rows: [Row], _ table: String) async throws {
                try await copy(rows, into: table, on: connection, logger: logger)
            }
            try await send(patients.map { CommitRows.PatientRow($0, expectedVersion: 0) }, RecordColumns.patients.table)
            try await send(CommitRows.identifierRows(patients, ordered: false), "patient_identifiers")
            try await send(
                coverages.map { CommitRows.CoverageRow($0, expectedVersion: 0) },
                RecordColumns.coverages.table
            )
            let visitRows = visits.map {
                CommitRows.VisitRow($0, expectedVersion: 0, holdsSlot: !slotless.contains($0.id.uuid))
            }
            try await send(visitRows, RecordColumns.visits.table)
            try await send(CommitRows.visitCoverageRows(visits, ordered: false), "visit_coverages")
            try await send(events, "audit_events")
        }

        /// The error of a restore whose records hold one id twice (a primary key broken), if it is
        /// one.
        private static func repeated(_ error: any Error) -> StoreError? {
            guard let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505",
                error.serverInfo?[.constraintName]?.hasSuffix("_pkey") == true
            else { return nil }
            let kind = TransactionFailure.recordKind(ofTable: error.serverInfo?[.tableName])
            return StoreError(
                .invalidChangeSet,
                "a \(kind?.rawValue ?? "record") to restore appears twice",
                recordKind: kind,
                underlying: "SQLSTATE 23505"
            )
        }

        /// Patients after an id, in id order.
        static func patientsQuery(_ tables: Tables, after id: PatientID?, limit: Int) -> PostgresQuery {
            byID(in: tables.patients, after: id?.uuid, limit: limit)
        }

        /// Coverages by patient id, then in the order first stored, after a coverage.
        static func coveragesQuery(_ tables: Tables, after id: CoverageID?, limit: Int) -> PostgresQuery {
            """
            SELECT c.version, c.document::text FROM \(unescaped: tables.coverages) AS c
            WHERE \(id?.uuid)::uuid IS NULL
                OR (c.patient_id, c.stored_order) > (
                    SELECT patient_id, stored_order FROM \(unescaped: tables.coverages) WHERE id = \(id?.uuid))
            ORDER BY c.patient_id, c.stored_order LIMIT \(max(0, limit))
            """
        }

        /// Visits after an id, in id order.
        static func visitsQuery(_ tables: Tables, after id: VisitID?, limit: Int) -> PostgresQuery {
            byID(in: tables.visits, after: id?.uuid, limit: limit)
        }

        /// The rows of `table` with an id after `id` (all when `nil`), in id order.
        private static func byID(in table: String, after id: UUID?, limit: Int) -> PostgresQuery {
            """
            SELECT version, document::text FROM \(unescaped: table)
            WHERE \(id)::uuid IS NULL OR id > \(id)
            ORDER BY id LIMIT \(max(0, limit))
            """
        }
    }
#endif
