#if PostgreSQL
    import ChipChart

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
            "merged_into uuid, name_key text, birth_year integer, document jsonb"
        )

        static let coverages = RecordColumns(
            table: "coverages",
            kind: .coverage,
            "patient_id uuid, replaces uuid, replaced_by uuid, social_insurance_number text, document jsonb"
        )

        static let visits = RecordColumns(
            table: "visits",
            kind: .visit,
            "patient_id uuid, visit_key text, admitted_at double precision, open_slot text, document jsonb",
            stored: ["admitted_at": "to_timestamp(r.admitted_at)"]
        )

        /// The table's own columns from `"name type, name type"`, with the expressions that store
        /// some of them.
        private init(table: String, kind: AuditEvent.RecordKind, _ columns: String, stored: [String: String] = [:]) {
            self.table = table
            self.kind = kind
            self.columns = columns.split(separator: ", ").map { column in
                let name = String(column.prefix { $0 != " " })
                return Column(name: name, type: String(column.dropFirst(name.count + 1)), stored: stored[name])
            }
        }

        private var names: String { columns.map(\.name).joined(separator: ", ") }
        private var values: String { columns.map { $0.stored ?? "r.\($0.name)" }.joined(separator: ", ") }
        private var assignments: String {
            (["version = r.version"] + columns.map { "\($0.name) = \($0.stored ?? "r.\($0.name)")" })
                .joined(separator: ", ")
        }
        private var definitions: String {
            "id uuid, version integer, expected_version integer, "
                + columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        }

        /// How a commit writes a batch of records.
        enum Write {
            /// New records, inserted in the batch's order, which becomes their stored order (the
            /// order of a patient's coverages); one whose id is taken is not written.
            case insert
            /// Records written over their rows still at `expected_version`.
            case update
        }

        /// The version conflict a commit reports when the statement wrote fewer records than
        /// its batch holds (a new one already exists, or another desk changed one first).
        func conflict(_ write: Write) -> StoreError {
            let message =
                switch write {
                case .insert: "a new \(kind.rawValue) already exists"
                case .update: "the \(kind.rawValue) changed since it was read, or does not exist"
                }
            return StoreError(.versionConflict, message, recordKind: kind)
        }

        /// The statement that writes the records of the JSON array bound at `parameter`, when
        /// `condition` holds, and returns the id of each record written.
        func statement(_ write: Write, rows parameter: String, when condition: String, into tables: Tables) -> String {
            switch write {
            case .insert:
                """
                INSERT INTO \(tables.named(table)) (id, version, \(names))
                SELECT r.id, r.version, \(values)
                FROM ROWS FROM (jsonb_to_recordset(\(parameter)::jsonb) AS (\(definitions)))
                    WITH ORDINALITY AS r(id, version, expected_version, \(names), position)
                WHERE \(condition)
                ORDER BY r.position
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """
            case .update:
                """
                UPDATE \(tables.named(table)) AS t SET \(assignments)
                FROM jsonb_to_recordset(\(parameter)::jsonb) AS r(\(definitions))
                WHERE t.id = r.id AND t.version = r.expected_version AND \(condition)
                RETURNING t.id
                """
            }
        }
    }
#endif
