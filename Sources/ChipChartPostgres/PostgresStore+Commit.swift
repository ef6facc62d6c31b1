#if PostgreSQL
    public import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// Writes a change set in one transaction, with its audit events.
        ///
        /// Each record is written by a statement that checks its version on the row itself
        /// (`UPDATE … WHERE version = read version`, `INSERT … ON CONFLICT DO NOTHING` for a new
        /// one), so two desks saving the same record can never both win. Active identifiers are
        /// released first and then taken, so an identifier may move between patients of the same
        /// set; the partial unique index judges the result. References are foreign keys checked at
        /// `COMMIT`, so records of one set may refer to each other in any order.
        ///
        /// - Throws: ``ChipChart/StoreError``: `versionConflict`, `duplicateIdentifier`,
        ///   `missingRecord`, `invalidChangeSet`, `storageFailure`; nothing of the set is written then.
        @discardableResult
        public func commit(_ changes: ChangeSet) async throws -> CommitReceipt {
            try changes.checkInternalConsistency()
            let stored = changes.receipt(with: [])
            if changes.isEmpty { return stored }
            let rows: CommitRows
            do {
                rows = try CommitRows(changes, stored: stored)
            } catch {
                throw StoreError(.invalidChangeSet, "a record could not be encoded", underlying: "\(type(of: error))")
            }
            let tables = self.tables
            let logger = self.logger
            // The reads made before the commit are written with it, ahead of its own events, once
            // a flush of earlier reads in flight has reached the trail.
            let pending = pendingReads
            let reads = await pending.inOrder { pending.take() }
            let drafts = changes.auditDrafts(at: now())
            let events: [AuditEvent]
            do {
                events = try await appendingAudit(reads + drafts, "commit") { connection in
                    try await Self.write(rows, into: tables, on: connection, logger: logger)
                }
            } catch {
                pendingReads.giveBack(reads)
                throw await identifyDuplicate(error, in: changes)
            }
            return changes.receipt(with: Array(events.suffix(drafts.count)))
        }

        private static func write(
            _ rows: CommitRows,
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws {
            func write(_ batch: CommitRows.Batch, of records: RecordColumns, as write: RecordColumns.Write) async throws
            {
                try await records.write(batch, as: write, into: tables, on: connection, logger: logger)
            }
            try await write(rows.newPatients, of: .patients, as: .insert)
            if !rows.updatedPatients.isEmpty {
                try await write(rows.updatedPatients, of: .patients, as: .update)
                try await connection.query(
                    """
                    UPDATE \(unescaped: tables.identifiers) SET status = 'released'
                    WHERE patient_id = ANY(\(rows.updatedPatientIDs)::uuid[]) AND status = 'active'
                    """,
                    logger: logger
                )
            }
            if !rows.identifiers.isEmpty {
                try await connection.query(identifiersQuery(rows.identifiers, into: tables), logger: logger)
            }
            try await write(rows.newCoverages, of: .coverages, as: .insert)
            try await write(rows.updatedCoverages, of: .coverages, as: .update)
            try await write(rows.updatedVisits, of: .visits, as: .update)
            // New visits after the updated ones: a visit closed in this set gives up its open slot
            // before a new one takes it.
            try await write(rows.newVisits, of: .visits, as: .insert)
            if !rows.visitCoverages.isEmpty {
                try await connection.query(visitCoveragesQuery(rows.visitCoverages, into: tables), logger: logger)
            }
        }

        /// The error, and for a duplicate identifier the error naming the identifier, found after the rollback: the first
        /// active identifier of the set that a patient outside the set now holds.
        private func identifyDuplicate(_ error: StoreError, in changes: ChangeSet) async -> StoreError {
            guard error.code == .duplicateIdentifier else { return error }
            let inSet = Set(changes.patients.map(\.id))
            for patient in changes.patients {
                for identifier in patient.identifiers where identifier.status == .active {
                    let holder = try? await activeHolder(of: identifier.key)
                    if let holder, !inSet.contains(holder) {
                        var named = error
                        named.identifier = identifier.key
                        return named
                    }
                }
            }
            return error
        }

        private func activeHolder(of key: PatientIdentifier.Key) async throws -> PatientID? {
            let rows = try await client.query(
                """
                SELECT patient_id FROM \(unescaped: tables.identifiers)
                WHERE kind = \(key.kind.rawValue) AND value = \(key.value) AND status = 'active'
                """,
                logger: logger
            )
            for try await id in rows.decode(UUID.self) { return PatientID(id) }
            return nil
        }
    }
#endif
