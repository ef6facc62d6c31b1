import ChipChart
import Foundation

/// An audit event and the staff member it names, read directly (``RecordLine``). Half the lines
/// of an archive are audit events.
extension JSONLineScanner {
    mutating func auditEvent() -> AuditEvent? {
        var event = AuditEvent.Partial()
        // A member is taken only when its value was read: a value that is not one leaves the
        // line to JSONDecoder, and so does a key given twice.
        let complete = members { reader, key in
            switch key {
            case "action": reader.fill(&event.action) { $0.string().map(AuditEvent.Action.init(rawValue:)) }
            case "at": reader.fill(&event.at) { $0.instant() }
            case "detail": reader.fill(&event.detail) { $0.string() }
            case "hash": reader.fill(&event.hash) { $0.string() }
            case "patientID": reader.fill(&event.patientID) { $0.uuid().map(PatientID.init) }
            case "previousHash": reader.fill(&event.previousHash) { $0.string() }
            case "purpose": reader.fill(&event.purpose) { $0.string() }
            case "recordID": reader.fill(&event.recordID) { $0.uuid() }
            case "recordKind": reader.fill(&event.recordKind) { $0.named(AuditEvent.RecordKind.self) }
            case "sequence": reader.fill(&event.sequence) { $0.integer() }
            case "staff": reader.fill(&event.staff) { $0.memoized { $0.staff() } }
            default: false
            }
        }
        return complete ? try? event.built() : nil
    }

    mutating func staff() -> Staff? {
        var staff = Staff.Partial()
        let complete = members { reader, key in
            switch key {
            case "name": reader.fill(&staff.name) { $0.personName() }
            case "personalID": reader.fill(&staff.personalID) { $0.text(PersonalID.self) }
            case "role": reader.fill(&staff.role) { $0.string().map(Staff.Role.init(rawValue:)) }
            default: false
            }
        }
        return complete ? try? staff.built() : nil
    }
}
