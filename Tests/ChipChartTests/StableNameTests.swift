import ChipChart
import Foundation
import Testing

/// The names that logs, JSON, the stores and archives hold never change: a renamed constant must
/// keep its name.
@Suite("Stable names")
struct StableNameTests {
    @Test(arguments: [
        (StoreError.Code.versionConflict, "versionConflict"),
        (.duplicateIdentifier, "duplicateIdentifier"),
        (.openVisitExists, "openVisitExists"),
        (.missingRecord, "missingRecord"),
        (.invalidChangeSet, "invalidChangeSet"),
        (.storageFailure, "storageFailure"),
        (.incompatibleStorage, "incompatibleStorage"),
        (.corruptStorage, "corruptStorage"),
        (.readOnly, "readOnly"),
        (.notEmpty, "notEmpty"),
    ])
    func storeErrorCodesKeepTheirNames(_ code: StoreError.Code, _ name: String) {
        #expect(code.name == name)
        #expect("\(code)" == name)
    }

    @Test func storeErrorCodesAreDistinct() {
        let codes: [StoreError.Code] = [
            .versionConflict, .duplicateIdentifier, .openVisitExists, .missingRecord, .invalidChangeSet,
            .storageFailure, .incompatibleStorage, .corruptStorage, .readOnly, .notEmpty,
        ]
        #expect(Set(codes).count == codes.count)
    }

    @Test func kindsAreStoredAsTheirNames() throws {
        let encoder = JSONEncoder()
        #expect(String(decoding: try encoder.encode(Staff.Role.physician), as: UTF8.self) == #""physician""#)
        #expect(
            String(decoding: try encoder.encode(AuditEvent.Action.lookupMissed), as: UTF8.self) == #""lookupMissed""#
        )
        let pharmacist = Staff.Role("pharmacist")
        let decoded = try JSONDecoder().decode(Staff.Role.self, from: try encoder.encode(pharmacist))
        #expect(decoded == pharmacist)
        #expect(decoded.rawValue == "pharmacist")
        #expect(Staff.Role(rawValue: "receptionist") == .receptionist)
    }

    @Test(arguments: [
        (AuditEvent.Action.accessDenied, "accessDenied"),
        (.emergencyAccess, "emergencyAccess"),
        (.read, "read"),
        (.lookupMissed, "lookupMissed"),
        (.search, "search"),
        (.create, "create"),
        (.update, "update"),
        (.export, "export"),
    ])
    func auditActionsKeepTheirNames(_ action: AuditEvent.Action, _ name: String) {
        #expect(action.rawValue == name)
    }

    @Test func policyNamesAreStable() {
        #expect(Staff.Role.laboratoryTechnician.rawValue == "laboratoryTechnician")
        #expect(AccessAction.allCases.map(\.rawValue) == ["read", "write"])
        #expect(
            AccessResource.allCases.map(\.rawValue) == [
                "patient", "coverage", "visit", "vitalSigns", "clinicalNotes", "orders", "results", "movements",
                "discharge", "claims",
            ]
        )
    }
}
