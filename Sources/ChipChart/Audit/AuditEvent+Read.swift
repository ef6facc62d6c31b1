public import Foundation

extension AuditEvent.Draft {
    /// The event a read leaves: `read` when it found `subject` (the record, and the patient it
    /// belongs to), `lookupMissed` when it found nothing, `search` for a search by name; by the
    /// staff member of `access`, for its purpose. Every backend audits its reads with it.
    public static func read(
        at date: Date,
        by access: Access,
        found subject: (record: UUID?, patient: PatientID)?,
        kind: AuditEvent.RecordKind,
        detail: String?,
        searching: Bool = false
    ) -> AuditEvent.Draft {
        AuditEvent.Draft(
            at: date,
            staff: access.staff,
            action: searching ? .search : subject == nil ? .lookupMissed : .read,
            recordKind: kind,
            recordID: subject?.record,
            patientID: subject?.patient,
            purpose: access.purpose,
            detail: detail
        )
    }
}
