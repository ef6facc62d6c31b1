import ChipChart
import Foundation

/// An audit event and the staff member it names, read directly (``RecordLine``). Half the lines
/// of an archive are audit events.
extension JSONLineScanner {
    mutating func auditEvent() -> AuditEvent? {
        var action: String?
        var at: Date?
        var detail: String?
        var hash: String?
        var patientID: UUID?
        var previousHash: String?
        var purpose: String?
        var recordID: UUID?
        var recordKind: AuditEvent.RecordKind?
        var sequence: Int64?
        var staff: Staff?
        // A member is taken only when its value was read: a value that is not one leaves the
        // line to JSONDecoder, and so does a key given twice.
        let complete = members { reader, key in
            switch key {
            case "action" where action == nil: return Self.take(&action, reader.string())
            case "at" where at == nil: return Self.take(&at, reader.instant())
            case "detail" where detail == nil: return Self.take(&detail, reader.string())
            case "hash" where hash == nil: return Self.take(&hash, reader.string())
            case "patientID" where patientID == nil: return Self.take(&patientID, reader.uuid())
            case "previousHash" where previousHash == nil: return Self.take(&previousHash, reader.string())
            case "purpose" where purpose == nil: return Self.take(&purpose, reader.string())
            case "recordID" where recordID == nil: return Self.take(&recordID, reader.uuid())
            case "recordKind" where recordKind == nil:
                return Self.take(&recordKind, reader.string().flatMap(AuditEvent.RecordKind.init(rawValue:)))
            case "sequence" where sequence == nil: return Self.take(&sequence, reader.integer())
            case "staff" where staff == nil: return Self.take(&staff, reader.memoized { $0.staff() })
            default: return false
            }
        }
        guard complete, let action, let at, let hash, let previousHash, let purpose, let sequence, let staff
        else { return nil }
        return AuditEvent(
            sequence: sequence,
            at: at,
            staff: staff,
            action: AuditEvent.Action(rawValue: action),
            recordKind: recordKind,
            recordID: recordID,
            patientID: patientID.map(PatientID.init),
            purpose: purpose,
            detail: detail,
            previousHash: previousHash,
            hash: hash
        )
    }

    mutating func staff() -> Staff? {
        var name: PersonName?
        var personalID: PersonalID?
        var role: String?
        let complete = members { reader, key in
            switch key {
            case "name" where name == nil: return Self.take(&name, reader.personName())
            case "personalID" where personalID == nil: return Self.take(&personalID, reader.text(PersonalID.self))
            case "role" where role == nil: return Self.take(&role, reader.string())
            default: return false
            }
        }
        guard complete, let name, let personalID, let role else { return nil }
        return Staff(name: name, personalID: personalID, role: Staff.Role(rawValue: role))
    }
}
