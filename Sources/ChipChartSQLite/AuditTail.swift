import ChipChart
import Foundation

/// The end of the audit trail as one transaction appends to it: the last event is read from the
/// file once, then followed as events are sealed, so a transaction that appends many times (a
/// bulk load) reads it once.
struct AuditTail {
    /// The last event, once read or written; only its sequence and hash matter.
    private var last: AuditEvent?
    /// True once ``last`` is known (read from the file or written by this transaction).
    private var known = false

    /// A tail not read yet: the first append reads it.
    init() {}

    /// Seals and inserts `drafts` after the last event, in the caller's transaction.
    mutating func append(_ drafts: [AuditEvent.Draft], on connection: SQLiteConnection) throws -> [AuditEvent] {
        guard let first = drafts.first else { return [] }
        if !known {
            last = try Self.storedLast(on: connection, staff: first.staff)
            known = true
        }
        var written: [AuditEvent] = []
        written.reserveCapacity(drafts.count)
        try connection.withStatement(SQLiteStore.insertAuditEventSQL) { statement in
            for draft in drafts {
                let event = draft.sealed(after: last)
                try SQLiteStore.insert(event, with: statement)
                written.append(event)
                last = event
            }
        }
        return written
    }

    /// The last event of the stored trail, as far as sealing after it needs (its sequence and
    /// hash; `staff` fills the rest); nil for an empty trail.
    static func storedLast(on connection: SQLiteConnection, staff: Staff) throws -> AuditEvent? {
        try connection.withStatement(
            "SELECT sequence, hash FROM audit_event ORDER BY sequence DESC LIMIT 1"
        ) { statement -> AuditEvent? in
            guard try statement.step() else { return nil }
            return Self.chainHead(sequence: statement.int64(0), hash: statement.string(1), staff: staff)
        }
    }

    /// Only the sequence and hash of the event a draft is sealed after matter; this stands in
    /// for the stored last event without reading all of it.
    private static func chainHead(sequence: Int64, hash: String, staff: Staff) -> AuditEvent {
        AuditEvent(
            sequence: sequence,
            at: Date(timeIntervalSince1970: 0),
            staff: staff,
            action: .read,
            recordKind: nil,
            recordID: nil,
            patientID: nil,
            purpose: "",
            detail: nil,
            previousHash: "",
            hash: hash
        )
    }
}
