import ChipChart
import ChipChartClaims
import Foundation
import Testing

/// Claims of visits charted from check-in to discharge: golden tables, hand-checked amounts, the
/// chart's fields in XML1 and XML3, and totals that are the sum of their lines.
@Suite("Claims of charted visits")
struct ChartedClaimTests {
    static func input(_ name: String) async throws -> ClaimInput {
        switch name {
        case "charted-outpatient": return try await ChartedClaimFixtures.outpatient()
        case "charted-outpatient-exempt": return try await exemptOutpatient()
        default: return try await ChartedClaimFixtures.inpatient()
        }
    }

    /// The outpatient visit of a patient with five years of coverage who co-paid 14 030 000 đ
    /// earlier in 2026: 10 000 đ short of six months of the base salary (14 040 000 đ). Of the
    /// visit's 16 820 đ co-payment the patient pays 10 000 đ, the fund the other 6 820 đ.
    static func exemptOutpatient() async throws -> ClaimInput {
        var input = try await ChartedClaimFixtures.outpatient()
        input.coPaymentStanding = try CoPaymentStanding(
            fiveYearDate: try CalendarDate(year: 2021, month: 1, day: 1),
            year: 2026,
            cumulativeCoPayment: Money(dong: 14_030_000)
        )
        return input
    }

    @Test(arguments: ["charted-outpatient", "charted-inpatient"])
    func tablesMatchTheGoldenFiles(_ name: String) async throws {
        let claim = try Claim(try await Self.input(name))
        #expect(claim.violations.isEmpty, "\(claim.violations)")
        try ClaimGoldenTests.compare(claim.summary.xml, toGolden: "\(name)-xml1.xml")
        try ClaimGoldenTests.compare(claim.drugs.xml, toGolden: "\(name)-xml2.xml")
        try ClaimGoldenTests.compare(claim.services.xml, toGolden: "\(name)-xml3.xml")
    }

    /// The XML1 values checked by hand (see ``ChartedClaimFixtures``), by fixture.
    static let summaries: [String: [String: String]] = [
        "charted-outpatient": [
            "T_THUOC": "18500.00", "T_VTYT": "0.00", "T_TONGCHI_BV": "90600.00", "T_TONGCHI_BH": "84100.00",
            "T_BHTT": "67280.00", "T_BNCCT": "16820.00", "T_BNTT": "6500.00", "MA_BENH_CHINH": "E11.9",
            "MA_BENH_KT": "J06.9", "CHAN_DOAN_VAO": "Sốt",
            "CHAN_DOAN_RV": "Đái tháo đường type 2; viêm đường hô hấp trên",
            "KET_QUA_DTRI": "2", "MA_LOAI_RV": "1", "NGAY_RA": "202603020915", "NGAY_TAI_KHAM": "20260316",
            "CAN_NANG": "68", "PP_DIEU_TRI": "Hạ sốt, hẹn tái khám", "MA_NOI_DEN": "", "NGAY_VAO_NOI_TRU": "",
        ],
        "charted-inpatient": [
            "T_THUOC": "25900.00", "T_VTYT": "2400.00", "T_TONGCHI_BV": "677300.00", "T_TONGCHI_BH": "677300.00",
            "T_BHTT": "541840.00", "T_BNCCT": "135460.00", "T_BNTT": "0.00", "MA_LOAI_KCB": "03",
            "NGAY_VAO": "202603020730", "NGAY_VAO_NOI_TRU": "202603021000", "NGAY_RA": "202603040900",
            "SO_NGAY_DTRI": "3", "KET_QUA_DTRI": "3", "MA_LOAI_RV": "2", "MA_NOI_DEN": "01002",
            "GIAY_CHUYEN_TUYEN": "CT-2026-0042", "NGAY_TAI_KHAM": "20260318", "MA_KHOA": "K19",
            "LY_DO_VNT": "Viêm phổi, SpO2 93%", "CAN_NANG": "70.5",
        ],
        "charted-outpatient-exempt": [
            "T_TONGCHI_BV": "90600.00", "T_TONGCHI_BH": "84100.00", "T_BHTT": "74100.00", "T_BNCCT": "10000.00",
            "T_BNTT": "6500.00",
        ],
    ]

    @Test(
        "XML1 holds the hand-checked amounts and the chart's fields",
        arguments: ["charted-outpatient", "charted-inpatient", "charted-outpatient-exempt"]
    )
    func summary(_ name: String) async throws {
        let claim = try Claim(try await Self.input(name))
        let summary = try #require(claim.summary.rows.first)
        for (field, value) in Self.summaries[name] ?? [:] { #expect(summary[field] == value, "\(field)") }
    }

    @Test("XML2 and XML3 of the outpatient visit carry the units and the result's times")
    func outpatientLines() async throws {
        let claim = try Claim(try await ChartedClaimFixtures.outpatient())
        let glucose = try #require(claim.services.rows.first { $0["MA_DICH_VU"] == "23.0075.1494" })
        #expect(glucose["NGAY_TH_YL"] == "202603020800")
        #expect(glucose["NGAY_KQ"] == "202603020840")
        #expect(glucose["DON_VI_TINH"] == "Lần")
        #expect(claim.drugs.rows.map { $0["DON_VI_TINH"] } == ["Viên", "Viên"])
        #expect(claim.drugs.rows.map { $0["PHAM_VI"] } == ["1", "2"])
    }

    @Test("each line of the inpatient stay carries the department the patient was in when it was ordered")
    func inpatientLines() async throws {
        let claim = try Claim(try await ChartedClaimFixtures.inpatient())
        #expect(claim.services.rows.map { $0["MA_KHOA"] } == ["", "", "", "K02", "K02"])
        #expect(claim.drugs.rows.first?["MA_KHOA"] == "K02")
    }

    @Test(
        "a claim's totals are the sums of its lines, in exact money",
        arguments: ["charted-outpatient", "charted-inpatient", "charted-outpatient-exempt"]
    )
    func totalsAreSumsOfLines(_ name: String) async throws {
        let claim = try Claim(try await Self.input(name))
        #expect(claim.violations.isEmpty, "\(claim.violations)")
        let summary = try #require(claim.summary.rows.first)
        let lines = claim.drugs.rows + claim.services.rows
        func sum(_ field: String) throws -> Money {
            try lines.reduce(Money.zero) { $0 + (try Money(parsing: $1[field] ?? "")) }
        }
        #expect(try summary["T_TONGCHI_BV"] == sum("THANH_TIEN_BV").claimsText)
        #expect(try summary["T_TONGCHI_BH"] == sum("THANH_TIEN_BH").claimsText)
        #expect(try summary["T_BHTT"] == sum("T_BHTT").claimsText)
        #expect(try summary["T_BNCCT"] == sum("T_BNCCT").claimsText)
        #expect(try summary["T_BNTT"] == sum("T_BNTT").claimsText)
        let totals = ClaimTotals(claim)
        #expect(totals.fund + totals.coPayment + totals.patient == totals.facility)
    }
}
