import ChipChart
import ChipChartClaims
import Foundation
import Testing

/// The generated XML must equal the hand-checked files in `Golden/`. To rewrite them after an
/// intended change, run the tests with `CHIPCHART_RECORD_GOLDEN=1`, then read the diff.
@Suite("Claims golden files")
struct ClaimGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func compare(_ text: String, toGolden name: String) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CHIPCHART_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(name) differs from the golden file")
    }

    @Test(arguments: ["outpatient", "inpatient"])
    func tablesMatchTheGoldenFiles(_ name: String) throws {
        let input =
            name == "outpatient" ? try ClaimFixtures.outpatient() : try ClaimFixtures.inpatientAcrossReplacement()
        let claim = try Claim(input)
        #expect(claim.violations.isEmpty, "\(claim.violations)")
        try Self.compare(claim.checkIn.xml, toGolden: "\(name)-checkin.xml")
        try Self.compare(claim.summary.xml, toGolden: "\(name)-xml1.xml")
        try Self.compare(claim.drugs.xml, toGolden: "\(name)-xml2.xml")
        try Self.compare(claim.services.xml, toGolden: "\(name)-xml3.xml")
    }

    @Test func envelopeMatchesTheGoldenFile() throws {
        let claims = [
            try Claim(ClaimFixtures.outpatient(), sequence: 1),
            try Claim(ClaimFixtures.inpatientAcrossReplacement(), sequence: 2),
        ]
        let envelope = ClaimEnvelope(facility: ClaimFixtures.facility, createdOn: try ClaimFixtures.date(3, 8))
        try Self.compare(envelope.xml(for: claims), toGolden: "envelope.xml")
    }

    @Test func outpatientAmountsAreTheHandCheckedOnes() throws {
        let claim = try Claim(ClaimFixtures.outpatient())
        let summary = try #require(claim.summary.rows.first)
        let expected = [
            "T_THUOC": "37401.50", "T_VTYT": "3000.00", "T_TONGCHI_BV": "91001.50", "T_TONGCHI_BH": "70753.71",
            "T_BHTT": "56602.97", "T_BNCCT": "14150.74", "T_BNTT": "20247.79", "T_NGUONKHAC": "0.00",
        ]
        for (field, value) in expected { #expect(summary[field] == value, "\(field)") }
        #expect(summary["NGAY_SINH"] == "199901010000")
        #expect(summary["GIOI_TINH"] == "1")
        #expect(summary["NGAY_VAO"] == "202603020730")
        #expect(summary["NGAY_RA"] == "202603020915")
        #expect(summary["MA_BENH_CHINH"] == "J06.9")
        #expect(summary["MA_BENH_KT"] == "R50.9;I10")
        #expect(summary["SO_NGAY_DTRI"] == "0")
        #expect(summary["NGAY_VAO_NOI_TRU"] == "")
        let paracetamol = try #require(claim.drugs.rows.first)
        #expect(paracetamol["THANH_TIEN_BV"] == "4501.50")
        #expect(paracetamol["THANH_TIEN_BH"] == "3703.71")
        #expect(paracetamol["T_BHTT"] == "2962.97")
        #expect(paracetamol["T_BNCCT"] == "740.74")
        #expect(paracetamol["T_BNTT"] == "797.79")
        #expect(paracetamol["MUC_HUONG"] == "80")
        #expect(claim.services.rows.map { $0["PHAM_VI"] } == ["1", "2"])
    }

    @Test func inpatientStayCarriesBothCards() throws {
        let claim = try Claim(ClaimFixtures.inpatientAcrossReplacement())
        let summary = try #require(claim.summary.rows.first)
        #expect(summary["MA_THE_BHYT"] == "GD4010000012345;HT3010000012345")
        #expect(summary["MA_DKBD"] == "01001;01002")
        #expect(summary["GT_THE_TU"] == "20260101;20260305")
        #expect(summary["GT_THE_DEN"] == "20260304;20261231")
        #expect(summary["NGAY_SINH"] == "195800000000")
        #expect(summary["GIOI_TINH"] == "2")
        #expect(summary["SO_NGAY_DTRI"] == "5")
        #expect(summary["MA_KHUVUC"] == "K2")
        #expect(summary["NAM_NAM_LIEN_TUC"] == "20260101")
        #expect(summary["NGAY_VAO_NOI_TRU"] == "202603031420")
        #expect(summary["MA_BENH_KT"]?.split(separator: ";").count == 12)
        let expected = [
            "T_THUOC": "4251.25", "T_VTYT": "45000.00", "T_TONGCHI_BV": "849251.25", "T_TONGCHI_BH": "769251.25",
            "T_BHTT": "670038.69", "T_BNCCT": "99212.56", "T_BNTT": "80000.00",
        ]
        for (field, value) in expected { #expect(summary[field] == value, "\(field)") }
        #expect(claim.services.rows.map { $0["MUC_HUONG"] } == ["80", "80", "95"])
        #expect(claim.services.rows.map { $0["T_BHTT"] } == ["288000.00", "36000.00", "342000.00"])
        #expect(claim.drugs.rows.first?["T_BHTT"] == "4038.69")
        let checkIn = try #require(claim.checkIn.rows.first)
        #expect(checkIn["MA_THE_BHYT"] == "GD4010000012345;HT3010000012345")
    }

    @Test func moreThanTwelveSecondaryDiagnosesAreRefused() throws {
        var input = try ClaimFixtures.inpatientAcrossReplacement()
        input.visit.diagnoses.append(try ICD10Code("Z99.9"))
        #expect {
            try Claim(input)
        } throws: { ($0 as? ClaimsError)?.code == .tooManyDiagnoses }
    }
}
