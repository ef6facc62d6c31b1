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
            // The trail a reader sees includes the reads made so far, and every event committed
            // before it was asked (sealed now if a desk could not seal its own).
            try await writePendingReads()
            try await sealLeftovers()
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
        /// The `audit_pending` row the event was sealed from, if it waited there.
        var pendingID: Int64?

        private enum CodingKeys: String, CodingKey {
            case sequence, hash
            case pendingID = "pending_id"
            case previousHash = "previous_hash"
        }

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
            pendingID = try container.decodeIfPresent(Int64.self, forKey: .pendingID)
            content = try AuditRowContent(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(previousHash, forKey: .previousHash)
            try container.encode(hash, forKey: .hash)
            try container.encodeIfPresent(pendingID, forKey: .pendingID)
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
