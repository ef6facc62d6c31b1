import ChipChart
import ChipChartPortal
import Foundation
import Testing

@Suite("Portal requests, byte for byte")
struct PortalRequestsTests {
    static let tokenQuery = "token=T%20K&id_token=I%2FD&username=01001_BV&password=5EBE2294ECD0E0F08EAB7690D2A6EE69"
    static let formBody =
        "maThe=DN4010123456789&hoTen=Nguy%E1%BB%85n%20V%C4%83n%20A&ngaySinh=01%2F01%2F1990"
        + "&hoTenCb=Tr%E1%BA%A7n%20Th%E1%BB%8B%20L%E1%BB%85%20T%C3%A2n&cccdCb=001185000001"

    @Test func thePasswordIsSentAsTheUppercaseMD5() {
        #expect(PortalFixtures.account.passwordHash == PortalFixtures.secretHash)
        #expect(
            PortalAccount(username: "x", passwordHash: "5ebe2294ecd0e0f08eab7690d2a6ee69")
                == PortalAccount(username: "x", password: "secret")
        )
        #expect(!"\(PortalFixtures.account)".contains(PortalFixtures.secretHash))
        #expect(!String(reflecting: PortalFixtures.account).contains(PortalFixtures.secretHash))
    }

    @Test func theLoginIsAFormWithTheHash() {
        let request = PortalRequests.token(account: PortalFixtures.account, paths: .decision4750)
        #expect(request.method == "POST")
        #expect(request.target == "/api/token/take")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("Accept") == "application/json")
        #expect(
            String(decoding: request.body, as: UTF8.self) == "username=01001_BV&password=\(PortalFixtures.secretHash)"
        )
        #expect(request.isSafeToRepeat)
    }

    @Test(arguments: [
        (
            PortalBodyEncoding.json, "application/json; charset=utf-8",
            #"{"maThe":"DN4010123456789","hoTen":"Nguyễn Văn A","ngaySinh":"01/01/1990","hoTenCb":"Trần Thị Lễ Tân","cccdCb":"001185000001"}"#
        ),
        (PortalBodyEncoding.form, "application/x-www-form-urlencoded", formBody),
    ])
    func theCardCheckCarriesTheTokenInTheQueryAndTheStaffInTheBody(
        encoding: PortalBodyEncoding,
        contentType: String,
        body: String
    ) throws {
        let request = PortalRequests.cardCheck(
            try PortalFixtures.query(),
            token: PortalFixtures.token,
            account: PortalFixtures.account,
            paths: .decision4750,
            encoding: encoding
        )
        #expect(request.method == "POST")
        #expect(request.target == "/api/egw/KQNhanLichSuKCB2024?" + Self.tokenQuery)
        #expect(
            request.url(under: "https://egw.baohiemxahoi.gov.vn/") == "https://egw.baohiemxahoi.gov.vn" + request.target
        )
        #expect(request.headers == [.init("Content-Type", contentType), .init("Accept", "application/json")])
        #expect(request.body == Data(body.utf8))
    }

    @Test func theVisitHistoryIsAFormOnly() throws {
        let request = PortalRequests.visitHistory(
            try PortalFixtures.query(),
            token: PortalFixtures.token,
            account: PortalFixtures.account,
            paths: .decision4750
        )
        #expect(request.method == "POST")
        #expect(request.target == "/api/egw/Lskcb2025?" + Self.tokenQuery)
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(String(decoding: request.body, as: UTF8.self) == Self.formBody)
    }

    @Test func theDecision3176PathsDifferOnlyInTheUploads() {
        #expect(PortalPaths.decision3176.cardCheck == PortalPaths.decision4750.cardCheck)
        #expect(PortalPaths.decision3176.checkInUpload == "/api/qd130/checkInKcbQd3176")
        #expect(PortalPaths.decision3176.claimUpload == "/api/qd130/guiHoSoXmlQD3176")
    }

    @Test(arguments: ["a b+c", "Nguyễn", "x=1&y=2", "%zz", ""])
    func formEncodingRoundTrips(text: String) {
        let fields = [PortalRequest.Field("k", text)]
        #expect(FormEncoding.decode(FormEncoding.encode(fields)) == fields)
    }
}
