import Foundation
import Testing

@testable import ChipChart

/// The bytes an event's hash covers are built without intermediate strings: they must be the
/// bytes the text form gives, or every stored chain would stop verifying.
@Suite("Audit hash input")
struct AuditHashInputTests {
    /// The hash as the text form defines it: each field as its byte count, a colon, its bytes.
    static func textFormHash(_ event: AuditEvent) -> String {
        var bytes: [UInt8] = []
        func field(_ text: String) {
            bytes.append(contentsOf: String(text.utf8.count).utf8)
            bytes.append(0x3A)
            bytes.append(contentsOf: text.utf8)
        }
        field(String(event.sequence))
        field(String(event.epochMilliseconds))
        field(event.staff.name.text)
        field(event.staff.personalID.digits)
        field(event.staff.role.rawValue)
        field(event.action.rawValue)
        field(event.recordKind?.rawValue ?? "")
        field(event.recordID?.uuidString.lowercased() ?? "")
        field(event.patientID?.description ?? "")
        field(event.purpose)
        field(event.detail ?? "")
        field(event.previousHash)
        return SHA256.hex(bytes)
    }

    static let events: [AuditEvent] = {
        guard let name = try? PersonName("Đặng Thị Ngọc Ánh"), let id = try? PersonalID("001185000001") else {
            return []
        }
        let staff = Staff(name: name, personalID: id)
        let uuid = UUID(uuid: (0xAB, 0xCD, 0xEF, 0x01, 0x23, 0x45, 0x67, 0x89, 0x0A, 0xBC, 0xDE, 0xF0, 0, 1, 2, 0xFF))
        func event(_ sequence: Int64, _ at: Double, _ record: UUID?, _ patient: UUID?, _ detail: String?) -> AuditEvent
        {
            AuditEvent(
                sequence: sequence,
                at: Date(timeIntervalSince1970: at),
                staff: staff,
                action: .update,
                recordKind: record == nil ? nil : .visit,
                recordID: record,
                patientID: patient.map(PatientID.init),
                purpose: "tiếp đón",
                detail: detail,
                previousHash: AuditEvent.genesisHash,
                hash: ""
            )
        }
        return [
            event(1, 1_772_409_600.123, uuid, uuid, "version 2"),
            event(9_223_372_036_854_775_807, 0, nil, nil, nil),
            event(0, -12.5, uuid, nil, ""),
            event(10, 9.999, nil, UUID(), "số thẻ ****1234"),
            event(-42, 1e10, UUID(), UUID(), String(repeating: "x", count: 300)),
        ]
    }()

    @Test(arguments: events)
    func theHashIsThatOfTheTextForm(_ event: AuditEvent) {
        #expect(event.computedHash == Self.textFormHash(event))
    }
}
