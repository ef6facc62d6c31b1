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

        /// Moves the head of the chain to `last`, appended as it was stored; the caller holds the
        /// lock on the head row.
        static func moveHead(
            to last: AuditEvent,
            in tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        )
            async throws
        {
            let lastJSON = String(decoding: try JSONEncoder().encode(AuditEventRow(last)), as: UTF8.self)
            try await connection.query(
                """
                UPDATE \(unescaped: tables.auditHead)
                SET sequence = \(last.sequence), hash = \(last.hash), last_event = \(lastJSON)::jsonb
                """,
                logger: logger
            )
        }
    }
#endif
