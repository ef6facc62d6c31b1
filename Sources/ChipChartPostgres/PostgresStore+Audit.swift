#if PostgreSQL
    public import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// Audit events with a sequence number greater than `sequence`, in order, at most `limit`.
        ///
        /// - Throws: ``ChipChart/StoreError`` (`storageFailure`, or `corruptStorage` when a stored
        ///   event no longer parses).
        public func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEvent] {
            // The trail a reader sees includes the reads made so far.
            try await writePendingReads()
            let texts: [String]
            do {
                texts = try await Self.auditTexts(
                    client.query(Self.auditEventsQuery(tables, after: sequence, limit: limit), logger: logger)
                )
            } catch {
                throw TransactionFailure(error).storeError
            }
            return try Self.auditEvents(fromJSON: texts)
        }

        /// Audit events after `sequence`, in order, at most `limit`, each as its JSON text.
        static func auditEventsQuery(_ tables: Tables, after sequence: Int64, limit: Int) -> PostgresQuery {
            """
            SELECT to_jsonb(e)::text FROM \(unescaped: tables.auditEvents) AS e
            WHERE e.sequence > \(sequence) ORDER BY e.sequence LIMIT \(max(0, limit))
            """
        }

        /// The texts of an ``auditEventsQuery(_:after:limit:)`` answer.
        static func auditTexts(_ rows: PostgresRowSequence) async throws -> [String] {
            var collected: [String] = []
            for try await text in rows.decode(String.self) { collected.append(text) }
            return collected
        }

        /// The events the texts hold.
        static func auditEvents(fromJSON texts: [String]) throws(StoreError) -> [AuditEvent] {
            var events: [AuditEvent] = []
            for text in texts { events.append(try AuditEventRow.event(fromJSON: text)) }
            return events
        }
    }

    /// An audit event as a row of `audit_events`, in JSON: written with `jsonb_to_recordset`, read
    /// back with `to_jsonb`.
    struct AuditEventRow: Codable {
        let sequence: Int64
        let content: AuditRowContent
        let previousHash: String
        let hash: String

        private enum CodingKeys: String, CodingKey {
            case sequence, hash
            case previousHash = "previous_hash"
        }

        /// The columns of `audit_events`, in the order ``columnTypes`` declares them.
        static let columns = """
            sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
            patient_id, purpose, detail, previous_hash, hash
            """

        /// The columns and their types, for `jsonb_to_recordset`.
        static let columnTypes = """
            sequence bigint, at_epoch_ms bigint, staff_name text, staff_personal_id text, staff_role text,
            action text, record_kind text, record_id uuid, patient_id uuid, purpose text, detail text,
            previous_hash text, hash text
            """

        init(_ event: AuditEvent) {
            sequence = event.sequence
            content = AuditRowContent(event)
            previousHash = event.previousHash
            hash = event.hash
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sequence = try container.decode(Int64.self, forKey: .sequence)
            previousHash = try container.decode(String.self, forKey: .previousHash)
            hash = try container.decode(String.self, forKey: .hash)
            content = try AuditRowContent(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(previousHash, forKey: .previousHash)
            try container.encode(hash, forKey: .hash)
            try content.encode(to: encoder)
        }

        /// The stored event, exactly as stored (its hash is not recomputed).
        static func event(fromJSON text: String) throws(StoreError) -> AuditEvent {
            do {
                let row = try JSONDecoder().decode(AuditEventRow.self, from: Data(text.utf8))
                return AuditEvent(
                    try row.content.draft(),
                    sequence: row.sequence,
                    previousHash: row.previousHash,
                    hash: row.hash
                )
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a stored audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }
    }
#endif
