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
    static let insertAuditEventSQL = insertAuditEventsSQL(rows: 1)

    /// Events a load inserts with one statement (``insertManyAuditEventsSQL``): one statement's
    /// setup for many rows.
    static let auditEventsPerInsert = 32

    /// Writes ``auditEventsPerInsert`` audit events as they are, with one statement.
    static let insertManyAuditEventsSQL = insertAuditEventsSQL(rows: auditEventsPerInsert)

    /// An insert of `rows` audit events, numbered parameters row after row.
    private static func insertAuditEventsSQL(rows: Int) -> String {
        let columns = Int(auditEventColumns)
        let values = (0..<rows).map { row in
            "(" + (1...columns).map { "?\(row * columns + $0)" }.joined(separator: ", ") + ")"
        }
        return """
            INSERT INTO audit_event (sequence, at_ms, staff_name, staff_personal_id, staff_role, action,
                record_kind, record_id, patient_id, purpose, detail, previous_hash, hash)
            VALUES \(values.joined(separator: ",\n"))
            """
    }

    /// The columns of an audit event's row.
    static let auditEventColumns: Int32 = 13

    /// Runs the prepared ``insertAuditEventSQL`` for one event and resets it for the next.
    static func insert(_ event: AuditEvent, with statement: SQLiteStatement) throws {
        try bind(event, to: statement, row: 0)
        try statement.run()
        statement.reset()
    }

    /// Inserts sealed events in order: as many as possible ``auditEventsPerInsert`` at a time,
    /// the rest one by one.
    static func insert(_ events: some Collection<AuditEvent>, on connection: SQLiteConnection) throws {
        var rest = events[...]
        if rest.count >= auditEventsPerInsert {
            try connection.withStatement(insertManyAuditEventsSQL) { statement in
                while rest.count >= auditEventsPerInsert {
                    for (row, event) in rest.prefix(auditEventsPerInsert).enumerated() {
                        try bind(event, to: statement, row: Int32(row))
                    }
                    try statement.run()
                    statement.reset()
                    rest = rest.dropFirst(auditEventsPerInsert)
                }
            }
        }
        guard !rest.isEmpty else { return }
        try connection.withStatement(insertAuditEventSQL) { statement in
            for event in rest { try insert(event, with: statement) }
        }
    }

    /// Binds an event's columns as the row `row` (from 0) of an insert's values.
    private static func bind(_ event: AuditEvent, to statement: SQLiteStatement, row: Int32) throws {
        let base = row * auditEventColumns
        try statement.bind(event.sequence, at: base + 1)
        try statement.bind(event.epochMilliseconds, at: base + 2)
        try statement.bind(event.staff.name.text, at: base + 3)
        try statement.bind(event.staff.personalID.digits, at: base + 4)
        try statement.bind(event.staff.role.rawValue, at: base + 5)
        try statement.bind(event.action.rawValue, at: base + 6)
        try statement.bind(event.recordKind?.rawValue, at: base + 7)
        try statement.bind(event.recordID, at: base + 8)
        try statement.bind(event.patientID?.uuid, at: base + 9)
        try statement.bind(event.purpose, at: base + 10)
        try statement.bind(event.detail, at: base + 11)
        try statement.bind(event.previousHash, at: base + 12)
        try statement.bind(event.hash, at: base + 13)
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
            if let staffBefore, staffBefore.isStored(name: name, personalID: personalID, role: role) {
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
