import ChipChart
import ChipChartPortal
import Foundation
import Testing

@Suite("The co-payment lookup's answer as a standing towards the exemption")
struct PortalCoPaymentStandingTests {
    /// Two visits in 2025 and one in 2026, in the forms the portal sends.
    static let body = """
        {"MaKetQua":"200","GhiChu":"","DataCCT":[
        {"maCskcb":"01001","ngayVao":"202511020800","ngayRa":"202511050900","maDoiTuongKCB":"1",
         "tBNCCTMCCT":"9000000","tBNCCTLuyKe":"9000000"},
        {"maCskcb":"01002","ngayVao":"10/12/2025","ngayRa":"","maDoiTuongKCB":"1",
         "tBNCCTMCCT":"5100000.5","tBNCCTLuyKe":"14100000.5"},
        {"maCskcb":"01001","ngayVao":"202601050800","ngayRa":"202601051000","maDoiTuongKCB":"1",
         "tBNCCTMCCT":"250000.0","tBNCCTLuyKe":"250000.0"},
        {"maCskcb":"01001","ngayVao":"","ngayRa":"","tBNCCTMCCT":"999999999","tBNCCTLuyKe":"999999999"}]}
        """

    struct Case: Sendable, CustomStringConvertible {
        var body: String
        var year: Int
        var cumulative: String?
        var description: String { "\(year): \(cumulative ?? "none")" }
    }

    static let cases: [Case] = [
        Case(body: body, year: 2025, cumulative: "14100000.50"),
        Case(body: body, year: 2026, cumulative: "250000.00"),
        Case(body: body, year: 2024, cumulative: "0.00"),
        Case(body: #"{"MaKetQua":"204","GhiChu":"Không có dữ liệu"}"#, year: 2026, cumulative: "0.00"),
        Case(body: #"{"MaKetQua":"500","GhiChu":"Lỗi"}"#, year: 2026, cumulative: nil),
        // Only per-visit amounts: their sum.
        Case(
            body: #"{"MaKetQua":"200","DataCCT":[{"ngayRa":"202603010900","tBNCCTMCCT":"100"},"#
                + #"{"ngayRa":"202603020900","tBNCCTMCCT":"200","tBNCCTLuyKe":"abc"}]}"#,
            year: 2026,
            cumulative: "300.00"
        ),
    ]

    @Test(arguments: cases)
    func standing(_ example: Case) throws {
        let answer = try #require(PortalCoPayment(body: Data(example.body.utf8)))
        let fiveYears = try CalendarDate(year: 2021, month: 1, day: 1)
        let standing = answer.standing(year: example.year, fiveYearDate: fiveYears)
        #expect(standing?.cumulativeCoPayment.claimsText == example.cumulative)
        if let standing {
            #expect(standing.year == example.year)
            #expect(standing.fiveYearDate == fiveYears)
        }
    }
}
