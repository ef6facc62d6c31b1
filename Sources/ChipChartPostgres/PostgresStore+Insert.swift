#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// The statements a commit writes the rows beside its records and its sealed audit events
    /// with, each taking one batch of rows as a JSON array (the records themselves:
    /// ``RecordColumns``).
    extension PostgresStore {
        /// Records the identifiers patients hold or held: a pair already known takes the new status.
        static func identifiersQuery(_ batch: CommitRows.Batch, into tables: Tables) -> PostgresQuery {
            """
            INSERT INTO \(unescaped: tables.identifiers) (patient_id, kind, value, status)
            SELECT patient_id, kind, value, status
            FROM jsonb_to_recordset(\(batch.json)::jsonb)
                AS r(patient_id uuid, kind text, value text, status text)
            ON CONFLICT (patient_id, kind, value) DO UPDATE SET status = excluded.status
            """
        }

        /// Records which coverages visits applied; a pair already recorded is kept.
        static func visitCoveragesQuery(_ batch: CommitRows.Batch, into tables: Tables) -> PostgresQuery {
            """
            INSERT INTO \(unescaped: tables.visitCoverages) (visit_id, coverage_id)
            SELECT visit_id, coverage_id
            FROM jsonb_to_recordset(\(batch.json)::jsonb) AS r(visit_id uuid, coverage_id uuid)
            ON CONFLICT DO NOTHING
            """
        }

        /// Appends sealed events exactly as given (sequence and hashes kept), removes the pending
        /// rows the first of them were sealed from (`pendingIDs`, in order), and moves the head of
        /// the chain to the last; the caller holds the lock on the head row.
        static func insertAuditEvents(
            _ events: [AuditEvent],
            pendingIDs: [Int64] = [],
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws {
            guard let last = events.last else { return }
            let encoder = JSONEncoder()
            var rows = events.map(AuditEventRow.init)
            for (index, id) in pendingIDs.enumerated() where index < rows.count { rows[index].pendingID = id }
            let json = String(decoding: try encoder.encode(rows), as: UTF8.self)
            let lastJSON = String(decoding: try encoder.encode(AuditEventRow(last)), as: UTF8.self)
            try await connection.query(
                """
                WITH appended AS (
                    INSERT INTO \(unescaped: tables.auditEvents)
                        (sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind,
                         record_id, patient_id, purpose, detail, previous_hash, hash, pending_id)
                    SELECT sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind,
                        record_id, patient_id, purpose, detail, previous_hash, hash, pending_id
                    FROM jsonb_to_recordset(\(json)::jsonb)
                        AS r(sequence bigint, at_epoch_ms bigint, staff_name text, staff_personal_id text,
                             staff_role text, action text, record_kind text, record_id uuid, patient_id uuid,
                             purpose text, detail text, previous_hash text, hash text, pending_id bigint)
                    RETURNING sequence
                ), sealed AS (
                    DELETE FROM \(unescaped: tables.auditPending) WHERE id = ANY(\(pendingIDs)) RETURNING id
                )
                UPDATE \(unescaped: tables.auditHead)
                SET sequence = \(last.sequence), hash = \(last.hash), last_event = \(lastJSON)::jsonb
                """,
                logger: logger
            )
        }

        /// How many rows a statement returned.
        static func count(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Int
        {
            var count = 0
            for try await _ in try await connection.query(query, logger: logger) { count += 1 }
            return count
        }
    }
#endif
