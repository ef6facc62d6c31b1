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
            do {
                return try await Self.auditEvents(
                    client.query(Self.auditEventsQuery(tables, after: sequence, limit: limit), logger: logger)
                )
            } catch {
                throw TransactionFailure(error).storeError
            }
        }

        /// Audit events after `sequence`, in order, at most `limit`, each as its row's columns.
        static func auditEventsQuery(_ tables: Tables, after sequence: Int64, limit: Int) -> PostgresQuery {
            """
            SELECT \(unescaped: AuditEventRow.columns) FROM \(unescaped: tables.auditEvents)
            WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(max(0, limit))
            """
        }

        /// The events of an ``auditEventsQuery(_:after:limit:)`` answer, read from their columns,
        /// exactly as stored (hashes not recomputed).
        ///
        /// - Throws: ``ChipChart/StoreError`` `corruptStorage` when a row does not make an event,
        ///   or the query's error.
        static func auditEvents(_ rows: PostgresRowSequence) async throws -> [AuditEvent] {
            var events: [AuditEvent] = []
            let columns = rows.decode(
                (
                    Int64, Int64, String, String, String, String, String?, UUID?, UUID?, String, String?, String,
                    String
                ).self
            )
            // The staff member of the row before, taken again when the next row names the same.
            var staffBefore: Staff?
            for try await row in columns {
                let content = AuditRowContent(
                    atEpochMs: row.1,
                    staffName: row.2,
                    staffPersonalID: row.3,
                    staffRole: row.4,
                    action: row.5,
                    recordKind: row.6,
                    recordID: row.7,
                    patientID: row.8,
                    purpose: row.9,
                    detail: row.10
                )
                let event = try AuditEventRow.event(
                    row.0,
                    content,
                    previousHash: row.11,
                    hash: row.12,
                    staffBefore: staffBefore
                )
                staffBefore = event.staff
                events.append(event)
            }
            return events
        }
    }

    /// An audit event as a row of `audit_events`, in JSON: written with `jsonb_to_recordset`, and
    /// the last of a chain read back with `to_jsonb` (a listing reads the columns themselves).
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
                return try event(row.sequence, row.content, previousHash: row.previousHash, hash: row.hash)
            } catch let error as StoreError {
                throw error
            } catch {
                throw unparsed(error)
            }
        }

        /// The stored event of a row's columns, exactly as stored; `staffBefore` as
        /// ``AuditRowContent/draft(staffBefore:)`` takes it.
        static func event(
            _ sequence: Int64,
            _ content: AuditRowContent,
            previousHash: String,
            hash: String,
            staffBefore: Staff? = nil
        ) throws(StoreError) -> AuditEvent {
            do {
                let draft = try content.draft(staffBefore: staffBefore)
                return AuditEvent(draft, sequence: sequence, previousHash: previousHash, hash: hash)
            } catch {
                throw unparsed(error)
            }
        }

        private static func unparsed(_ error: any Error) -> StoreError {
            StoreError(.corruptStorage, "a stored audit event does not parse", underlying: "\(type(of: error))")
        }
    }
#endif
