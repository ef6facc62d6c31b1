#if PostgreSQL
    import ChipChart

    /// The statements a commit writes the rows beside its records with, each taking one batch of
    /// rows as a JSON array bound at `parameter` and writing only when `condition` holds (the
    /// records themselves: ``RecordColumns``; how they are sent: ``CommitStatements``).
    extension PostgresStore {
        /// Records the identifiers patients hold or held: a pair already known takes the new status.
        static func identifiersStatement(rows parameter: String, when condition: String, into tables: Tables) -> String
        {
            """
            INSERT INTO \(tables.identifiers) (patient_id, kind, value, status)
            SELECT patient_id, kind, value, status
            FROM jsonb_to_recordset(\(parameter)::jsonb)
                AS r(patient_id uuid, kind text, value text, status text)
            WHERE \(condition)
            ON CONFLICT (patient_id, kind, value) DO UPDATE SET status = excluded.status
            """
        }

        /// Releases the active identifiers of the patients whose rows (with at least their `id`)
        /// are bound at `parameter`, before the identifiers they now hold are written.
        static func releaseStatement(patients parameter: String, when condition: String, into tables: Tables) -> String
        {
            """
            UPDATE \(tables.identifiers) SET status = 'released'
            WHERE patient_id IN (SELECT r.id FROM jsonb_to_recordset(\(parameter)::jsonb) AS r(id uuid))
                AND status = 'active' AND \(condition)
            """
        }

        /// Records which coverages visits applied; a pair already recorded is kept.
        static func visitCoveragesStatement(
            rows parameter: String,
            when condition: String,
            into tables: Tables
        ) -> String {
            """
            INSERT INTO \(tables.visitCoverages) (visit_id, coverage_id)
            SELECT visit_id, coverage_id
            FROM jsonb_to_recordset(\(parameter)::jsonb) AS r(visit_id uuid, coverage_id uuid)
            WHERE \(condition)
            ON CONFLICT DO NOTHING
            """
        }
    }
#endif
