#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// A row a restore sends with `COPY … FROM STDIN`: its fields in the order of its table's
    /// ``copyColumns``.
    protocol CopyRow {
        /// The table's columns the fields fill, in order.
        static var copyColumns: [String] { get }
        /// Appends the row's fields (not the end of the row).
        func copy(to text: inout CopyText, encoder: JSONEncoder) throws
    }

    extension RecordColumns {
        /// `id`, `version`, then the table's own columns.
        var copyColumns: [String] { ["id", "version"] + columns.map(\.name) }
    }

    /// The own columns of a record table, as a restore copies them.
    protocol CopiedColumns: Encodable {
        /// The table the columns belong to.
        static var recordColumns: RecordColumns { get }
        /// The values, in the order of the table's columns, the document excepted.
        var copyFields: [CopyText.Value] { get }
    }

    /// A record row a restore copies: `id`, `version`, the table's own columns, the document.
    extension RecordRow: CopyRow where Columns: CopiedColumns, Document: StoredDocument {
        static var copyColumns: [String] { Columns.recordColumns.copyColumns }

        func copy(to text: inout CopyText, encoder: JSONEncoder) throws {
            text.field(id)
            text.field(version)
            for value in columns.copyFields { text.field(value) }
            try text.field(document: document, encoder: encoder)
        }
    }

    extension CommitRows.PatientColumns: CopiedColumns {
        static var recordColumns: RecordColumns { .patients }
        var copyFields: [CopyText.Value] { [.uuid(mergedInto), .text(nameKey), .number(birthYear)] }
    }

    extension CommitRows.CoverageColumns: CopiedColumns {
        static var recordColumns: RecordColumns { .coverages }
        var copyFields: [CopyText.Value] {
            [.uuid(patientID), .uuid(replaces), .uuid(replacedBy), .text(socialInsuranceNumber)]
        }
    }

    extension CommitRows.VisitColumns: CopiedColumns {
        static var recordColumns: RecordColumns { .visits }
        var copyFields: [CopyText.Value] {
            [.uuid(patientID), .text(visitKey), .timestamp(admittedAt), .text(openSlot)]
        }
    }

    extension CommitRows.IdentifierRow: CopyRow {
        static var copyColumns: [String] { ["patient_id", "kind", "value", "status"] }

        func copy(to text: inout CopyText, encoder: JSONEncoder) {
            text.field(patientID)
            text.field(kind)
            text.field(value)
            text.field(status)
        }
    }

    extension CommitRows.VisitCoverageRow: CopyRow {
        static var copyColumns: [String] { ["visit_id", "coverage_id"] }

        func copy(to text: inout CopyText, encoder: JSONEncoder) {
            text.field(visitID)
            text.field(coverageID)
        }
    }

    extension AuditEvent: CopyRow {
        static var copyColumns: [String] {
            [
                "sequence", "at_epoch_ms", "staff_name", "staff_personal_id", "staff_role", "action", "record_kind",
                "record_id", "patient_id", "purpose", "detail", "previous_hash", "hash",
            ]
        }

        func copy(to text: inout CopyText, encoder: JSONEncoder) {
            let content = AuditRowContent(self)
            text.field(sequence)
            text.field(content.atEpochMs)
            text.field(content.staffName)
            text.field(content.staffPersonalID)
            text.field(content.staffRole)
            text.field(content.action)
            text.field(content.recordKind)
            text.field(content.recordID)
            text.field(content.patientID)
            text.field(content.purpose)
            text.field(content.detail)
            text.field(previousHash)
            text.field(hash)
        }
    }

    extension PostgresStore {
        /// Sends `rows` into `table` with one `COPY … FROM STDIN`, in their order. The name is not
        /// qualified (postgres-nio quotes it whole): the transaction's `search_path` names the
        /// schema.
        static func copy<Row: CopyRow>(
            _ rows: [Row],
            into table: String,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws {
            guard !rows.isEmpty else { return }
            var text = CopyText()
            let encoder = JSONEncoder()
            for row in rows {
                try row.copy(to: &text, encoder: encoder)
                text.endRow()
            }
            let buffer = text.buffer
            try await connection.copyFrom(table: table, columns: Row.copyColumns, logger: logger) { writer in
                try await writer.write(buffer)
            }
        }

        /// Rebuilds the chain heads from the restored events: the last event of every chain (an
        /// event no later one links to; chain 1 at the genesis hash when there is none) and the
        /// latest checkpoint, as row 0; the sequences go on after them. The caller holds the table.
        static func rebuildHeads(in tables: Tables, on connection: PostgresConnection, logger: Logger) async throws {
            let events = tables.auditEvents
            let heads = tables.auditHeads
            try await connection.query("DELETE FROM \(unescaped: heads)", logger: logger)
            try await connection.query(
                """
                WITH ends AS (
                    SELECT e.sequence, e.hash FROM \(unescaped: events) AS e
                    WHERE e.action <> 'checkpoint' AND NOT EXISTS (
                        SELECT 1 FROM \(unescaped: events) AS n WHERE n.previous_hash = e.hash AND n.action <> 'checkpoint')
                )
                INSERT INTO \(unescaped: heads) (chain, sequence, hash)
                SELECT row_number() OVER (ORDER BY sequence), sequence, hash FROM ends
                UNION ALL SELECT 1, 0, \(AuditEvent.genesisHash) WHERE NOT EXISTS (SELECT 1 FROM ends)
                UNION ALL (SELECT 0, sequence, hash FROM \(unescaped: events) WHERE action = 'checkpoint'
                    ORDER BY sequence DESC LIMIT 1)
                """,
                logger: logger
            )
            try await connection.query(
                """
                SELECT setval('\(unescaped: tables.auditSequence)', coalesce(max(sequence), 0) + 1, false)
                    FROM \(unescaped: events)
                """,
                logger: logger
            )
            try await connection.query(
                "SELECT setval('\(unescaped: tables.chainIDs)', max(chain) + 1, false) FROM \(unescaped: heads)",
                logger: logger
            )
        }
    }
#endif
