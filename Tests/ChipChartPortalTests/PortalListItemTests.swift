import ChipChartPortal
import Foundation
import Testing

@Suite("Portal list items, field by field")
struct PortalListItemTests {
    /// A body whose list holds one item with each field's value set to its own JSON name.
    static func body(list: String, names: [String]) -> Data {
        let item = names.map { "\"\($0)\":\"\($0)\"" }.joined(separator: ",")
        return Data("{\"maKetQua\":\"000\",\"\(list)\":[{\(item)}]}".utf8)
    }

    /// Each name under itself.
    static func named(_ names: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, $0) })
    }

    static let visitNames = ["maHoSo", "maCSKCB", "ngayVao", "ngayRa", "tenBenh", "tinhTrang", "kqDieuTri", "lyDoVV"]
    static let visit = PortalVisitHistory.Visit(
        recordNumber: "maHoSo",
        facility: "maCSKCB",
        admitted: "ngayVao",
        discharged: "ngayRa",
        diagnosis: "tenBenh",
        condition: "tinhTrang",
        treatmentResult: "kqDieuTri",
        admissionReason: "lyDoVV"
    )
    static let coPaymentNames = ["maCskcb", "ngayVao", "ngayRa", "maDoiTuongKCB", "tBNCCTMCCT", "tBNCCTLuyKe"]
    static let coPayment = PortalCoPayment.Entry(
        facility: "maCskcb",
        admitted: "ngayVao",
        discharged: "ngayRa",
        category: "maDoiTuongKCB",
        coPayment: "tBNCCTMCCT",
        cumulative: "tBNCCTLuyKe"
    )

    @Test func everyFieldOfAVisitIsReadAndWrittenUnderItsName() throws {
        let history = PortalVisitHistory(body: Self.body(list: "dsLichSuKCB2025", names: Self.visitNames))
        #expect(history?.visits == [Self.visit])
        #expect(Self.visit.fields == Self.named(Self.visitNames))
    }

    @Test func everyFieldOfACoPaymentEntryIsReadAndWrittenUnderItsName() throws {
        let answer = PortalCoPayment(body: Self.body(list: "DataCCT", names: Self.coPaymentNames))
        #expect(answer?.entries == [Self.coPayment])
        #expect(Self.coPayment.fields == Self.named(Self.coPaymentNames))
    }

    @Test func anAbsentFieldIsEmpty() throws {
        let entry = try #require(PortalCoPayment(body: Self.body(list: "DataCCT", names: ["maCskcb"]))?.entries.first)
        #expect(
            entry
                == PortalCoPayment.Entry(
                    facility: "maCskcb",
                    admitted: "",
                    discharged: "",
                    coPayment: "",
                    cumulative: ""
                )
        )
    }
}
