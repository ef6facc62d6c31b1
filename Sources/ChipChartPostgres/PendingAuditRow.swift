#if PostgreSQL
    import ChipChart
    import Foundation

    /// An audit event waiting in `audit_pending`: a draft, in JSON, with the row's id once stored.
    struct PendingAuditRow: Codable {
        var id: Int64?
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
            case id, action, purpose, detail
            case atEpochMs = "at_epoch_ms"
            case staffName = "staff_name"
            case staffPersonalID = "staff_personal_id"
            case staffRole = "staff_role"
            case recordKind = "record_kind"
            case recordID = "record_id"
            case patientID = "patient_id"
        }

        init(_ draft: AuditEvent.Draft) {
            id = nil
            atEpochMs = Int64((draft.at.timeIntervalSince1970 * 1000).rounded())
            staffName = draft.staff.name.text
            staffPersonalID = draft.staff.personalID.digits
            staffRole = draft.staff.role.name
            action = draft.action.name
            recordKind = draft.recordKind?.rawValue
            recordID = draft.recordID
            patientID = draft.patientID?.uuid
            purpose = draft.purpose
            detail = draft.detail
        }

        /// A stored row, from its `to_jsonb` text.
        init(json text: String) throws(StoreError) {
            do {
                self = try JSONDecoder().decode(PendingAuditRow.self, from: Data(text.utf8))
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }

        /// The rows of a JSON array of them (`jsonb_agg`).
        static func rows(fromJSONArray text: String) throws(StoreError) -> [PendingAuditRow] {
            do {
                return try JSONDecoder().decode([PendingAuditRow].self, from: Data(text.utf8))
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }

        /// The draft, its time exactly the stored millisecond.
        func draft() throws(StoreError) -> AuditEvent.Draft {
            do {
                var draft = AuditEvent.Draft(
                    at: Date(timeIntervalSince1970: Double(atEpochMs) / 1000),
                    staff: Staff(
                        name: try PersonName(staffName),
                        personalID: try PersonalID(staffPersonalID),
                        role: Staff.Role(staffRole)
                    ),
                    action: AuditEvent.Action(action),
                    recordKind: recordKind.flatMap(AuditEvent.RecordKind.init(rawValue:)),
                    recordID: recordID,
                    patientID: patientID.map(PatientID.init),
                    purpose: purpose,
                    detail: detail
                )
                draft.at = Date(timeIntervalSince1970: Double(atEpochMs) / 1000)
                return draft
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }
    }
#endif
