#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// An audit event a schema at version 4 left waiting in `audit_pending`: a draft, in JSON, with
    /// the row's id. Migrating to version 5 seals them (``PostgresStore/sealVersionFourPending(on:logger:)``).
    struct PendingAuditRow: Codable {
        var id: Int64?
        let content: AuditRowContent

        private enum CodingKeys: String, CodingKey { case id }

        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Int64.self, forKey: .id)
            content = try AuditRowContent(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(id, forKey: .id)
            try content.encode(to: encoder)
        }

        /// The rows of a JSON array of them (`jsonb_agg`).
        static func rows(fromJSONArray text: String) throws(StoreError) -> [PendingAuditRow] {
            do {
                return try JSONDecoder().decode([PendingAuditRow].self, from: Data(text.utf8))
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }

        /// The draft, its time exactly the stored millisecond.
        func draft() throws(StoreError) -> AuditEvent.Draft {
            do {
                return try content.draft()
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }
    }
    extension PostgresStore {
        /// Seals the events a schema at version 4 left in `audit_pending` after the last event of
        /// its chain, in id order, as a sealer of version 4 would have, and removes them; the
        /// caller's transaction holds the migration lock, and its `search_path` names the schema.
        static func sealVersionFourPending(on connection: PostgresConnection, logger: Logger) async throws {
            let rows = try await connection.query(
                """
                SELECT h.last_event::text,
                    (SELECT coalesce(jsonb_agg(p ORDER BY p.id), '[]'::jsonb)::text FROM audit_pending AS p)
                FROM audit_head AS h FOR UPDATE OF h
                """,
                logger: logger
            )
            var found: (String?, String)?
            for try await row in rows.decode((String?, String).self) { found = row }
            guard let (lastJSON, pendingJSON) = found else { return }
            let pending = try PendingAuditRow.rows(fromJSONArray: pendingJSON)
            guard !pending.isEmpty else { return }
            var last = try lastJSON.map { text throws(StoreError) in try AuditEventRow.event(fromJSON: text) }
            var events: [AuditEvent] = []
            for row in pending {
                let event = try row.draft().sealed(after: last)
                events.append(event)
                last = event
            }
            let json = String(decoding: try JSONEncoder().encode(events.map(AuditEventRow.init)), as: UTF8.self)
            try await connection.query(
                """
                INSERT INTO audit_events (\(unescaped: AuditEventRow.columns))
                SELECT \(unescaped: AuditEventRow.columns)
                FROM jsonb_to_recordset(\(json)::jsonb) AS r(\(unescaped: AuditEventRow.columnTypes))
                """,
                logger: logger
            )
            try await connection.query(
                "UPDATE audit_head SET sequence = \(last?.sequence ?? 0), hash = \(last?.hash ?? AuditEvent.genesisHash)",
                logger: logger
            )
            try await connection.query("DELETE FROM audit_pending", logger: logger)
        }
    }
#endif
