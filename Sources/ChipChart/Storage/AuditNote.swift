public import Foundation

/// An audit event a ``ChangeSet`` writes beside its records' events: what was done, to which
/// record, with a masked detail; the staff member and purpose are the set's ``Access``.
public struct AuditNote: Hashable, Sendable {
    /// What was done.
    public var action: AuditEvent.Action
    /// The kind of record, when one is concerned.
    public var recordKind: AuditEvent.RecordKind?
    /// The record's id, when one is concerned.
    public var recordID: UUID?
    /// The patient concerned, when known.
    public var patientID: PatientID?
    /// A short, masked detail.
    public var detail: String?

    /// A note.
    public init(
        _ action: AuditEvent.Action,
        recordKind: AuditEvent.RecordKind? = nil,
        recordID: UUID? = nil,
        patientID: PatientID? = nil,
        detail: String? = nil
    ) {
        self.action = action
        self.recordKind = recordKind
        self.recordID = recordID
        self.patientID = patientID
        self.detail = detail
    }

    /// The event's draft, at `instant`, by the staff member of `access` for its purpose.
    public func draft(at instant: Date, by access: Access) -> AuditEvent.Draft {
        AuditEvent.Draft(
            at: instant,
            staff: access.staff,
            action: action,
            recordKind: recordKind,
            recordID: recordID,
            patientID: patientID,
            purpose: access.purpose,
            detail: detail
        )
    }
}
