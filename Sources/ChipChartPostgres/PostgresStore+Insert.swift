#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// The statements a commit writes the rows beside its records with, each taking one batch of
    /// rows as a JSON array (the records themselves: ``RecordColumns``; the audit events:
    /// ``insertAuditEvents(_:chain:into:on:logger:)``).
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

        /// How many rows a statement returned.
        static func count(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Int
        {
            var count = 0
            for try await _ in try await connection.query(query, logger: logger) { count += 1 }
            return count
        }
    }
#endif
