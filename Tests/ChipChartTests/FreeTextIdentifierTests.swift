import ChipChart
import Foundation
import Testing

/// A visit's key and an identifier of a kind without its own rules are free text: trimmed,
/// 1–100 characters, and an error names the field, the reason and the limit.
@Suite("Free-text keys and identifiers")
struct FreeTextIdentifierTests {
    static let admitted = Date(timeIntervalSince1970: 1_772_409_600)

    static func visitKey(_ text: String) throws(ValidationError) -> String {
        try Visit(key: text, patientID: PatientID(), facility: FacilityCode("01001"), admittedAt: admitted).key
    }

    static func recordNumber(_ text: String) throws(ValidationError) -> String {
        try PatientIdentifier(kind: .facilityRecordNumber, value: text).value
    }

    @Test(arguments: [
        ("  K-1  ", "K-1"), ("\tBA-2026-000123\n", "BA-2026-000123"),
        (String(repeating: "K", count: 100), String(repeating: "K", count: 100)),
    ])
    func trimmedTextIsKept(_ text: String, _ kept: String) throws {
        #expect(try Self.visitKey(text) == kept)
        #expect(try Self.recordNumber(text) == kept)
    }

    @Test(arguments: [("   ", ValidationError.Reason.missing), (String(repeating: "K", count: 101), .wrongLength)])
    func emptyOrLongTextIsRejected(_ text: String, _ reason: ValidationError.Reason) {
        #expect(throws: ValidationError(field: "visit.key", reason: reason, message: "MA_LK has 1–100 characters")) {
            try Self.visitKey(text)
        }
        #expect(
            throws: ValidationError(
                field: "identifier.facilityRecordNumber",
                reason: reason,
                message: "an identifier has 1–100 characters"
            )
        ) {
            try Self.recordNumber(text)
        }
    }
}
