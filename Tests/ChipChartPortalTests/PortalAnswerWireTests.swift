import ChipChart
import ChipChartPortal
import Foundation
import Testing

@Suite("Portal answers, read leniently")
struct PortalAnswerWireTests {
    static let replaced = """
        {"maKetQua":"004","ghiChu":"Thẻ cũ còn giá trị","maThe":"DN4010123456789","hoTen":"Nguyễn Văn A",
        "ngaySinh":"01/01/1990","gioiTinh":"Nam","diaChi":"Số 1 Phố Huế","maDKBD":"01001","cqBHXH":"BHXH Hà Nội",
        "gtTheTu":"01/01/2026","gtTheDen":"31/12/2026","maKV":"K2","ngayDu5Nam":"01/01/2024","maSoBHXH":"0123456789",
        "maTheCu":"DN4010123456789","maTheMoi":"HC4010123456789","gtTheTuMoi":"10/03/2026","gtTheDenMoi":"31/12/2026",
        "maDKBDMoi":"01002","tenDKBDMoi":"Trạm y tế","dsLichSuKCB2018":null,
        "dsLichSuKT2018":[{"userKT":"01001_BV","thoiGianKT":"202603100815","thongBao":"ok","maLoi":"000"}]}
        """

    @Test func everyFieldOfAReplacementIsMapped() throws {
        let answer = try #require(PortalAnswer(cardCheckBody: Data(Self.replaced.utf8)))
        #expect(answer.result == .replacedOldStillValid)
        #expect(answer.message == "Thẻ cũ còn giá trị")
        #expect(answer.card?.code.value == "DN4010123456789")
        #expect(
            answer.card?.validity
                == (try DatePeriod(
                    start: CalendarDate(year: 2026, month: 1, day: 1),
                    end: CalendarDate(year: 2026, month: 12, day: 31)
                ))
        )
        #expect(answer.card?.registeredFacility?.value == "01001")
        #expect(answer.card?.region == .k2)
        #expect(answer.card?.fiveYearDate == (try CalendarDate(year: 2024, month: 1, day: 1)))
        #expect(answer.newCard?.code.value == "HC4010123456789")
        #expect(answer.newCard?.validity.start == (try CalendarDate(year: 2026, month: 3, day: 10)))
        #expect(answer.newCard?.registeredFacility?.value == "01002")
        #expect(answer.newCard?.registeredFacilityName == "Trạm y tế")
        #expect(answer.holderName?.text == "Nguyễn Văn A")
        #expect(answer.holderDateOfBirth == (try DateOfBirth(parsing: "01/01/1990")))
        #expect(answer.holderSex == .male)
        #expect(answer.holderAddress == "Số 1 Phố Huế")
        #expect(answer.socialInsuranceNumber?.digits == "0123456789")
        #expect(answer.insuranceOffice == "BHXH Hà Nội")
        #expect(
            answer.lookupLog == [
                PortalLookupLogEntry(user: "01001_BV", time: "202603100815", message: "ok", errorCode: "000")
            ]
        )
        #expect(answer.rawFields["maTheCu"] == "DN4010123456789")
    }

    @Test(arguments: [
        (#"{"maKetQua":0}"#, "000"), (#"{"MaKetQua":"050"}"#, "050"), (#"{"maKetQua":"999","maThe":"bad"}"#, "999"),
        (#"{"maKetQua":"070","maThe":null,"gtTheTu":"garbage"}"#, "070"),
    ])
    func codesAndOddFieldsAreKept(body: String, code: String) throws {
        let answer = try #require(PortalAnswer(cardCheckBody: Data(body.utf8)))
        #expect(answer.result.rawValue == code)
        #expect(answer.card == nil)
    }

    @Test(arguments: ["", "<html>busy</html>", "[1,2]"])
    func aBodyThatIsNoAnswerIsNone(body: String) {
        #expect(PortalAnswer(cardCheckBody: Data(body.utf8)) == nil)
    }

    @Test func aNullHistoryIsEmpty() throws {
        let history = try #require(PortalVisitHistory(body: Data(#"{"maKetQua":"000","dsLichSuKCB2025":null}"#.utf8)))
        #expect(history.result == .valid)
        #expect(history.visits.isEmpty)
    }

    @Test(arguments: [
        ("600", 600.0), ("2026-03-10T01:10:00Z", 1_773_105_000.0), ("2026-03-10T01:10:00", 1_773_105_000.0),
        ("1773104000", 1_773_104_000.0), ("1773104000000", 1_773_104_000.0),
    ])
    func tokenExpiryIsReadInEveryFormInUse(text: String, expected: Double) throws {
        let now = Date(timeIntervalSince1970: 0)
        let expiry = try #require(PortalToken.expiry(text, now: now))
        #expect(expiry.timeIntervalSince1970 == expected)
    }

    @Test func anUnreadableExpiryIsNone() {
        #expect(PortalToken.expiry("soon", now: Date()) == nil)
    }
}
