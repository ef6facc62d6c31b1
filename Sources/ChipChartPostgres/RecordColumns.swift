#if PostgreSQL
    import ChipChart
    import Logging
    import PostgresNIO

    /// The columns of a record table (patients, coverages, visits) as a JSON row of ``CommitRows``
    /// carries them: `id`, `version`, `expected_version`, then the table's own columns. One
    /// description serves the statement that inserts new records and the one that writes over
    /// records at their expected version.
    struct RecordColumns: Sendable {
        /// One column after `id` and `version`.
        struct Column: Sendable {
            let name: String
            /// Its type in the JSON row.
            let type: String
            /// The expression that stores the row's value `r.<name>`, when not that value itself.
            var stored: String?
        }

        /// The table's name in the store's schema.
        let table: String
        /// The record kind a conflict names.
        let kind: AuditEvent.RecordKind
        let columns: [Column]

        static let patients = RecordColumns(
            table: "patients",
            kind: .patient,
            columns: [
                Column(name: "merged_into", type: "uuid"), Column(name: "name_key", type: "text"),
                Column(name: "birth_year", type: "integer"), Column(name: "document", type: "jsonb"),
            ]
        )

        static let coverages = RecordColumns(
            table: "coverages",
            kind: .coverage,
            columns: [
                Column(name: "patient_id", type: "uuid"), Column(name: "replaces", type: "uuid"),
                Column(name: "replaced_by", type: "uuid"), Column(name: "social_insurance_number", type: "text"),
                Column(name: "document", type: "jsonb"),
            ]
        )

        static let visits = RecordColumns(
            table: "visits",
            kind: .visit,
            columns: [
                Column(name: "patient_id", type: "uuid"), Column(name: "visit_key", type: "text"),
                Column(name: "admitted_at", type: "double precision", stored: "to_timestamp(r.admitted_at)"),
                Column(name: "open_slot", type: "text"), Column(name: "document", type: "jsonb"),
            ]
        )

        private var names: String { columns.map(\.name).joined(separator: ", ") }
        private var values: String { columns.map { $0.stored ?? "r.\($0.name)" }.joined(separator: ", ") }
        private var definitions: String {
            "id uuid, version integer, expected_version integer, "
                + columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        }

        /// Inserts the new records of `batch` in its order, which becomes their stored order (the
        /// order of a patient's coverages); one whose id is taken is skipped. Returns how many
        /// were written.
        func insert(
            _ batch: CommitRows.Batch,
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> Int {
            try await PostgresStore.count(
                """
                INSERT INTO \(unescaped: tables.schema).\(unescaped: table) (id, version, \(unescaped: names))
                SELECT r.id, r.version, \(unescaped: values)
                FROM ROWS FROM (jsonb_to_recordset(\(batch.json)::jsonb) AS (\(unescaped: definitions)))
                    WITH ORDINALITY AS r(id, version, expected_version, \(unescaped: names), position)
                ORDER BY r.position
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """,
                on: connection,
                logger: logger
            )
        }

        /// Writes the records of `batch` over their rows still at `expected_version`. Returns how
        /// many were written.
        func update(
            _ batch: CommitRows.Batch,
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> Int {
            let assignments = (["version = r.version"] + columns.map { "\($0.name) = \($0.stored ?? "r.\($0.name)")" })
                .joined(separator: ", ")
            return try await PostgresStore.count(
                """
                UPDATE \(unescaped: tables.schema).\(unescaped: table) AS t SET \(unescaped: assignments)
                FROM jsonb_to_recordset(\(batch.json)::jsonb) AS r(\(unescaped: definitions))
                WHERE t.id = r.id AND t.version = r.expected_version
                RETURNING t.id
                """,
                on: connection,
                logger: logger
            )
        }

        /// Inserts the new records of `batch`, or throws `error` unless each was written.
        func insertAll(
            _ batch: CommitRows.Batch,
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger,
            or error: @autoclosure () -> StoreError
        ) async throws {
            guard !batch.isEmpty else { return }
            let written = try await insert(batch, into: tables, on: connection, logger: logger)
            try batch.expectWritten(written, or: error())
        }

        /// Writes the records of `batch` over their rows, or throws a version conflict unless
        /// each was at its expected version.
        func updateAll(
            _ batch: CommitRows.Batch,
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws {
            guard !batch.isEmpty else { return }
            let written = try await update(batch, into: tables, on: connection, logger: logger)
            try batch.expectWritten(
                written,
                or: StoreError(
                    .versionConflict,
                    "the \(kind.rawValue) changed since it was read, or does not exist",
                    recordKind: kind
                )
            )
        }
    }
#endif
