public import ChipChart
import Foundation

extension SQLiteStore {
    /// Audit events with a sequence number greater than `sequence`, in order, at most `limit`.
    ///
    /// - Throws: ``ChipChart/StoreError`` (`corruptStorage` when a stored event cannot be read).
    public func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEvent] {
        // The trail a reader sees includes the reads made so far.
        try await writePendingReads()
        return try withConnection("reading the audit trail") { connection, _ in
            try Self.readAuditEvents(after: sequence, limit: limit, on: connection)
        }
    }

    /// Audit events after `sequence`, in order, at most `limit`, in the caller's transaction.
    static func readAuditEvents(
        after sequence: Int64,
        limit: Int,
        on connection: SQLiteConnection
    ) throws
        -> [AuditEvent]
    {
        try connection.withStatement(
            """
            SELECT sequence, at_ms, staff_name, staff_personal_id, staff_role, action, record_kind,
                   record_id, patient_id, purpose, detail, previous_hash, hash
            FROM audit_event WHERE sequence > ?1 ORDER BY sequence LIMIT ?2
            """
        ) { statement in
            try statement.bind(sequence, at: 1)
            try statement.bind(max(0, limit), at: 2)
            var events: [AuditEvent] = []
            var staff: Staff?
            while try statement.step() {
                let event = try Self.auditEvent(from: statement, staffBefore: staff)
                staff = event.staff
                events.append(event)
            }
            return events
        }
    }

    /// Appends drafts to the trail inside the caller's transaction, sealing each after the
    /// current last event.
    static func appendAudit(_ drafts: [AuditEvent.Draft], on connection: SQLiteConnection) throws -> [AuditEvent] {
        var tail = AuditTail()
        return try tail.append(drafts, on: connection)
    }

    /// Writes one audit event as it is, sequence and hashes included.
    static let insertAuditEventSQL = """
        INSERT INTO audit_event (sequence, at_ms, staff_name, staff_personal_id, staff_role, action,
            record_kind, record_id, patient_id, purpose, detail, previous_hash, hash)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        """

    /// Runs the prepared ``insertAuditEventSQL`` for one event and resets it for the next.
    static func insert(_ event: AuditEvent, with statement: SQLiteStatement) throws {
        try statement.bind(event.sequence, at: 1)
        try statement.bind(event.epochMilliseconds, at: 2)
        try statement.bind(event.staff.name.text, at: 3)
        try statement.bind(event.staff.personalID.digits, at: 4)
        try statement.bind(event.staff.role.rawValue, at: 5)
        try statement.bind(event.action.rawValue, at: 6)
        try statement.bind(event.recordKind?.rawValue, at: 7)
        try statement.bind(event.recordID, at: 8)
        try statement.bind(event.patientID?.uuid, at: 9)
        try statement.bind(event.purpose, at: 10)
        try statement.bind(event.detail, at: 11)
        try statement.bind(event.previousHash, at: 12)
        try statement.bind(event.hash, at: 13)
        try statement.run()
        statement.reset()
    }

    /// The event of a row. The staff member's name is the text stored, which the store wrote
    /// from a name normalised when it was made: it is not normalised again, so the trail's hash
    /// is checked over the very text stored. `staffBefore`, the previous row's, is taken again
    /// when the row names the same member (most rows do).
    private static func auditEvent(from row: SQLiteStatement, staffBefore: Staff?) throws -> AuditEvent {
        do {
            let name = row.string(2)
            let personalID = row.string(3)
            let role = row.string(4)
            let staff: Staff
            // Compared byte for byte: `==` on strings would take a name stored decomposed for the
            // same name composed, and the hash would then be checked over text not stored.
            if let staffBefore, staffBefore.name.text.utf8.elementsEqual(name.utf8),
                staffBefore.personalID.digits.utf8.elementsEqual(personalID.utf8),
                staffBefore.role.rawValue.utf8.elementsEqual(role.utf8)
            {
                staff = staffBefore
            } else {
                staff = Staff(
                    name: PersonName(storedText: name),
                    personalID: try PersonalID(personalID),
                    role: Staff.Role(role)
                )
            }
            let kind = try row.optionalString(6).map { text throws(StoreError) -> AuditEvent.RecordKind in
                guard let kind = AuditEvent.RecordKind(rawValue: text) else {
                    throw StoreError(.corruptStorage, "an audit event names an unknown kind of record")
                }
                return kind
            }
            return AuditEvent(
                sequence: row.int64(0),
                at: Date(timeIntervalSince1970: Double(row.int64(1)) / 1000),
                staff: staff,
                action: AuditEvent.Action(row.string(5)),
                recordKind: kind,
                recordID: row.uuid(7),
                patientID: row.uuid(8).map(PatientID.init),
                purpose: row.string(9),
                detail: row.optionalString(10),
                previousHash: row.string(11),
                hash: row.string(12)
            )
        } catch let error as ValidationError {
            throw StoreError(.corruptStorage, "an audit event holds an invalid staff member", underlying: "\(error)")
        }
    }

    /// Runs SQLite's full integrity check over the file.
    ///
    /// - Returns: the problems SQLite reports; empty when the file is sound.
    /// - Throws: ``ChipChart/StoreError`` when the check cannot run.
    public func checkIntegrity() async throws -> [String] {
        let rows = try withConnection("checking integrity") { connection, _ in
            try connection.textPragma("PRAGMA integrity_check")
        }
        return rows == ["ok"] ? [] : rows
    }
}
