#if PostgreSQL
    import ChipChart
    import Foundation

    /// The columns an audit event has both while it waits in `audit_pending` and once sealed in
    /// `audit_events`: when, who, what, on which record and why — all but its place in the chain.
    ///
    /// Encoded flat, beside the row's own columns, as `jsonb_to_recordset` and `to_jsonb` see them.
    struct AuditRowContent: Codable {
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

        enum CodingKeys: String, CodingKey {
            case action, purpose, detail
            case atEpochMs = "at_epoch_ms"
            case staffName = "staff_name"
            case staffPersonalID = "staff_personal_id"
            case staffRole = "staff_role"
            case recordKind = "record_kind"
            case recordID = "record_id"
            case patientID = "patient_id"
        }

        /// What the columns state, as a draft whose time is exactly the stored millisecond.
        ///
        /// `staffBefore`, the staff member of the row read before, is taken again when these
        /// columns name that member byte for byte (most rows of a listing do): a name and a
        /// personal ID that made that member once make the same member again, so they are not
        /// normalised and checked again. A name stored in another form than the one normalised
        /// is never the same bytes, and is read as `PersonName` reads it.
        func draft(staffBefore: Staff? = nil) throws(ValidationError) -> AuditEvent.Draft {
            let staff: Staff
            if let staffBefore, staffBefore.isStored(name: staffName, personalID: staffPersonalID, role: staffRole) {
                staff = staffBefore
            } else {
                staff = Staff(
                    name: try PersonName(staffName),
                    personalID: try PersonalID(staffPersonalID),
                    role: Staff.Role(staffRole)
                )
            }
            var draft = AuditEvent.Draft(
                at: Date(timeIntervalSince1970: Double(atEpochMs) / 1000),
                staff: staff,
                action: AuditEvent.Action(action),
                recordKind: recordKind.flatMap(AuditEvent.RecordKind.init(rawValue:)),
                recordID: recordID,
                patientID: patientID.map(PatientID.init),
                purpose: purpose,
                detail: detail
            )
            draft.at = Date(timeIntervalSince1970: Double(atEpochMs) / 1000)
            return draft
        }
    }

    extension AuditRowContent {
        /// The columns of an event, sealed or not.
        init(_ event: some AuditRowSource) {
            atEpochMs = Int64((event.at.timeIntervalSince1970 * 1000).rounded())
            staffName = event.staff.name.text
            staffPersonalID = event.staff.personalID.digits
            staffRole = event.staff.role.rawValue
            action = event.action.rawValue
            recordKind = event.recordKind?.rawValue
            recordID = event.recordID
            patientID = event.patientID?.uuid
            purpose = event.purpose
            detail = event.detail
        }
    }

    /// What an audit event states apart from its place in the chain: a sealed event and a draft
    /// alike.
    protocol AuditRowSource {
        var at: Date { get }
        var staff: Staff { get }
        var action: AuditEvent.Action { get }
        var recordKind: AuditEvent.RecordKind? { get }
        var recordID: UUID? { get }
        var patientID: PatientID? { get }
        var purpose: String { get }
        var detail: String? { get }
    }

    extension AuditEvent: AuditRowSource {}
    extension AuditEvent.Draft: AuditRowSource {}
#endif
