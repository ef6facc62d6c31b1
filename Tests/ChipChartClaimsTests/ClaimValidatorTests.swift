import ChipChart
import ChipChartClaims
import Foundation
import Testing

@Suite("Claims validator")
struct ClaimValidatorTests {
    /// The outpatient summary with one field's text replaced.
    static func summary(setting field: String, to text: String) throws -> ClaimDocument {
        var document = try Claim(ClaimFixtures.outpatient()).summary
        let index = try #require(document.rows[0].values.firstIndex { $0.name == field })
        document.rows[0].values[index].text = text
        return document
    }

    @Test(arguments: [
        ("HO_TEN", String(repeating: "A", count: 256), "wrongLength"),
        ("MA_BENH_CHINH", "J06.9XYZ", "wrongLength"),
        ("HO_TEN", "", "missing"),
        ("NGAY_RA", "", "missing"),
        ("NGAY_VAO", "2026-03-02", "invalidFormat"),
        ("NGAY_VAO", "2026-03-02 07:30", "wrongLength"),
        ("NGAY_VAO", "20260302073X", "invalidFormat"),
        ("NGAY_SINH", "19990101", "invalidFormat"),
        ("T_BHTT", "56602.9", "invalidFormat"),
        ("T_BHTT", "56,602.97", "invalidFormat"),
        ("GT_THE_TU", "20260101;2026", "invalidFormat"),
        ("GT_THE_TU", "2026010a;20260101", "invalidFormat"),
        ("T_BHTT", ".50", "invalidFormat"),
        ("T_BHTT", "1.2.30", "invalidFormat"),
        ("T_BHTT", "56602.", "invalidFormat"),
        ("STT", "1a", "invalidFormat"),
        ("GIOI_TINH", "M", "invalidFormat"),
        ("DIA_CHI", "Số 1\u{0}", "invalidCharacter"),
    ])
    func namesTheFieldThatBreaksARule(_ field: String, _ text: String, _ reason: String) throws {
        let violations = ClaimValidator.violations(in: try Self.summary(setting: field, to: text))
        #expect(violations.count == 1)
        #expect(violations.first?.field == field)
        #expect(violations.first?.reason.name == reason)
        #expect(violations.first?.table == "XML1")
    }

    @Test func validClaimsHaveNoViolations() throws {
        #expect(try Claim(ClaimFixtures.outpatient()).violations.isEmpty)
        #expect(try Claim(ClaimFixtures.inpatientAcrossReplacement()).violations.isEmpty)
    }

    @Test func anOpenVisitLacksItsDischarge() throws {
        var input = try ClaimFixtures.outpatient()
        input.visit.dischargedAt = nil
        input.visit.diagnoses = []
        let fields = try Claim(input).violations.filter { $0.table == "XML1" }.map(\.field)
        #expect(fields.contains("NGAY_RA"))
        #expect(fields.contains("MA_BENH_CHINH"))
        #expect(fields.contains("NGAY_TTOAN"))
    }

    @Test func missingUnknownAndMisplacedElementsAreReported() throws {
        var document = try Claim(ClaimFixtures.outpatient()).summary
        document.rows[0].values.removeAll { $0.name == "MA_CSKCB" }
        document.rows[0].values.append(ClaimRow.Value(name: "T_TONGCHI", text: "1.00"))
        document.rows[0].values.swapAt(0, 1)
        let violations = ClaimValidator.violations(in: document)
        #expect(violations.contains { $0.field == "MA_CSKCB" && $0.reason == .missing })
        #expect(violations.contains { $0.field == "T_TONGCHI" && $0.reason == .unknownCode })
        #expect(violations.contains { $0.field == "MA_LK" && $0.reason == .inconsistent })
    }

    @Test func theViolationNeverRepeatsTheText() throws {
        let name = String(repeating: "Nguyễn ", count: 40)
        let violations = ClaimValidator.violations(in: try Self.summary(setting: "HO_TEN", to: name))
        #expect(!(violations.first?.description.contains("Nguyễn") ?? true))
    }
}
