import ChipChartPortal
import Foundation
import Testing

@Suite("Portal list items, field by field")
struct PortalListItemTests {
    /// A body whose list holds one item with each field's value set to its own JSON name.
    static func body(list: String, names: [String], extra: String = "") -> Data {
        let item = names.map { "\"\($0)\":\"\($0)\"" }.joined(separator: ",")
        return Data("{\"maKetQua\":\"000\",\(extra)\"\(list)\":[{\(item)}]}".utf8)
    }

    static let visitNames = ["maHoSo", "maCSKCB", "ngayVao", "ngayRa", "tenBenh", "tinhTrang", "kqDieuTri", "lyDoVV"]
    static let coPaymentNames = ["maCskcb", "ngayVao", "ngayRa", "maDoiTuongKCB", "tBNCCTMCCT", "tBNCCTLuyKe"]

    @Test func everyFieldOfAVisitIsReadAndWrittenUnderItsName() throws {
        let body = Self.body(list: "dsLichSuKCB2025", names: Self.visitNames)
        let visit = try #require(PortalVisitHistory(body: body)?.visits.first)
        #expect(
            visit
                == PortalVisitHistory.Visit(
                    recordNumber: "maHoSo",
                    facility: "maCSKCB",
                    admitted: "ngayVao",
                    discharged: "ngayRa",
                    diagnosis: "tenBenh",
                    condition: "tinhTrang",
                    treatmentResult: "kqDieuTri",
                    admissionReason: "lyDoVV"
                )
        )
        #expect(visit.fields == Dictionary(uniqueKeysWithValues: Self.visitNames.map { ($0, $0) }))
    }

    @Test func everyFieldOfACoPaymentEntryIsReadAndWrittenUnderItsName() throws {
        let body = Self.body(list: "DataCCT", names: Self.coPaymentNames)
        let entry = try #require(PortalCoPayment(body: body)?.entries.first)
        #expect(
            entry
                == PortalCoPayment.Entry(
                    facility: "maCskcb",
                    admitted: "ngayVao",
                    discharged: "ngayRa",
                    category: "maDoiTuongKCB",
                    coPayment: "tBNCCTMCCT",
                    cumulative: "tBNCCTLuyKe"
                )
        )
        #expect(entry.fields == Dictionary(uniqueKeysWithValues: Self.coPaymentNames.map { ($0, $0) }))
    }

    @Test func anAbsentFieldIsEmpty() throws {
        let body = Self.body(list: "DataCCT", names: ["maCskcb"])
        let entry = try #require(PortalCoPayment(body: body)?.entries.first)
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
