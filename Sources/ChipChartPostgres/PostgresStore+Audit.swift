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
        let atEpochMs: Int64
        let staffName: String
        let staffPersonalID: String
        let staffRole: String
        let action: String
        let recordKind: String?
        let recordID: UUID?
        let patientID: UUID?
        let purpose: String
        let detail: String?
        let previousHash: String
        let hash: String
        /// The `audit_pending` row the event was sealed from, if it waited there.
        var pendingID: Int64?

        enum CodingKeys: String, CodingKey {
            case sequence, action, purpose, detail, hash
            case pendingID = "pending_id"
            case atEpochMs = "at_epoch_ms"
            case staffName = "staff_name"
            case staffPersonalID = "staff_personal_id"
            case staffRole = "staff_role"
            case recordKind = "record_kind"
            case recordID = "record_id"
            case patientID = "patient_id"
            case previousHash = "previous_hash"
        }

        init(_ event: AuditEvent) {
            sequence = event.sequence
            atEpochMs = event.epochMilliseconds
            staffName = event.staff.name.text
            staffPersonalID = event.staff.personalID.digits
            staffRole = event.staff.role.name
            action = event.action.name
            recordKind = event.recordKind?.rawValue
            recordID = event.recordID
            patientID = event.patientID?.uuid
            purpose = event.purpose
            detail = event.detail
            previousHash = event.previousHash
            hash = event.hash
        }

        /// The stored event, exactly as stored (its hash is not recomputed).
        static func event(fromJSON text: String) throws(StoreError) -> AuditEvent {
            do {
                let row = try JSONDecoder().decode(AuditEventRow.self, from: Data(text.utf8))
                let staff = Staff(
                    name: try PersonName(row.staffName),
                    personalID: try PersonalID(row.staffPersonalID),
                    role: Staff.Role(row.staffRole)
                )
                return AuditEvent(
                    sequence: row.sequence,
                    at: Date(timeIntervalSince1970: Double(row.atEpochMs) / 1000),
                    staff: staff,
                    action: AuditEvent.Action(row.action),
                    recordKind: row.recordKind.flatMap(AuditEvent.RecordKind.init(rawValue:)),
                    recordID: row.recordID,
                    patientID: row.patientID.map(PatientID.init),
                    purpose: row.purpose,
                    detail: row.detail,
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
