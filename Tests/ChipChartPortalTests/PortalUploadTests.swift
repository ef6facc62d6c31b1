import ChipChart
import ChipChartPortal
import Foundation
import Testing

@Suite("Uploads of signed files: the request bytes, the receipt, no blind retry")
struct PortalUploadTests {
    /// A signed-looking file whose bytes base64-encode to `+`, `/` and `=` (all percent-encoded).
    static let bytes = Data("<GIAMDINHHS><MA_LK>01001.DESK.1</MA_LK>\u{FB}\u{FF}?></GIAMDINHHS>\r\n".utf8)

    @Test(arguments: [
        (PortalUploadKind.checkIn, PortalPaths.decision4750, "/api/qd130/checkInKcbQd4750", "0"),
        (PortalUploadKind.claims130, PortalPaths.decision4750, "/api/qd130/guiHoSoXmlQD4750", "130"),
        (PortalUploadKind.checkIn, PortalPaths.decision3176, "/api/qd130/checkInKcbQd3176", "0"),
        (PortalUploadKind.claims130, PortalPaths.decision3176, "/api/qd130/guiHoSoXmlQD3176", "130"),
    ])
    func theUploadIsAFormWithTheFileAsWrittenAndTheTokenInHeaders(
        kind: PortalUploadKind,
        paths: PortalPaths,
        path: String,
        documentType: String
    ) {
        let request = PortalRequests.upload(
            PortalUploadFile(bytes: Self.bytes),
            kind: kind,
            facility: "01001",
            province: "01",
            token: PortalFixtures.token,
            account: PortalFixtures.account,
            paths: paths
        )
        let base64 = Self.bytes.base64EncodedString()
        let escaped = base64.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
            .replacingOccurrences(of: "=", with: "%3D")
        #expect(request.method == "POST")
        #expect(request.target == path)
        #expect(
            request.headers == [
                .init("Content-Type", "application/x-www-form-urlencoded"), .init("Accept", "application/json"),
                .init("accessToken", "T K"), .init("tokenId", "I/D"), .init("passwordHash", PortalFixtures.secretHash),
            ]
        )
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "username=01001_BV&loaiHoSo=\(documentType)&maTinh=01&maCSKCB=01001&fileHSBase64=\(escaped)"
        )
        let sent = FormEncoding.decode(String(decoding: request.body, as: UTF8.self))
        #expect(Data(base64Encoded: sent.last?.value ?? "") == Self.bytes)
        #expect(!request.isSafeToRepeat)
    }

    @Test func theFileKnowsItsKeyAndDigest() {
        let file = PortalUploadFile(bytes: Data("abc".utf8), key: "K1")
        #expect(file.key == "K1")
        #expect(file.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(PortalUploadFile(bytes: Self.bytes).key == "01001.DESK.1")
        let table = Data("<TONG_HOP><MA_LK>01001.9</MA_LK></TONG_HOP>".utf8).base64EncodedString()
        let envelope = "<GIAMDINHHS><FILEHOSO><NOIDUNGFILE>\(table)</NOIDUNGFILE></FILEHOSO></GIAMDINHHS>"
        #expect(PortalUploadFile(bytes: Data(envelope.utf8)).key == "01001.9")
        #expect(PortalUploadFile(bytes: Data("<X/>".utf8)).key == "")
    }

    @Test(arguments: [
        (
            #"{"maKetQua":200,"maGiaoDich":"GD1","thoiGianTiepNhan":"20260302101500","thongDiep":"ok"}"#, "200",
            PortalUploadReceipt.Outcome.accepted, "GD1"
        ),
        (#"{"maKetQua":"123","thongDiep":"chưa ký số"}"#, "123", .unsigned, ""),
        (#"{"maKetQua":"125","thongDiep":"chữ ký không hợp lệ"}"#, "125", .signatureInvalid, ""),
        (#"{"maKetQua":"403","thongDiep":"forbidden"}"#, "403", .refused, ""),
    ])
    func theAnswerIsAReceipt(
        body: String,
        code: String,
        outcome: PortalUploadReceipt.Outcome,
        transaction: String
    )
        async throws
    {
        let transport = ScriptedTransport([ScriptedTransport.login, .respond(200, body)])
        let receipt = try await HTTPInsurancePortalTests.portal(transport).upload(
            PortalUploadFile(bytes: Self.bytes),
            kind: .claims130,
            facility: try FacilityCode("01001")
        )
        #expect(receipt.result == code)
        #expect(receipt.outcome == outcome)
        #expect(receipt.outcome.isSignatureProblem == (code == "123" || code == "125"))
        #expect(receipt.transactionID == transaction)
        #expect(receipt.key == "01001.DESK.1")
        #expect(receipt.sha256 == PortalUploadFile(bytes: Self.bytes).sha256)
        #expect(receipt.answeredAt == Date(timeIntervalSince1970: 1_773_100_000))
        if outcome == .accepted { #expect(receipt.receivedAt == "20260302101500") }
    }

    @Test(arguments: [ScriptedTransport.Step.respond(503, ""), .respond(200, "<html>"), .fail])
    func anUploadThatMayHaveArrivedIsNeverRetried(step: ScriptedTransport.Step) async throws {
        let transport = ScriptedTransport([ScriptedTransport.login, step, ScriptedTransport.valid])
        await #expect(throws: PortalUnavailable.self) {
            try await HTTPInsurancePortalTests.portal(transport).upload(
                PortalUploadFile(bytes: Self.bytes),
                kind: .checkIn,
                facility: try FacilityCode("01001")
            )
        }
        #expect(transport.sent.map(\.path) == ["/api/token/take", "/api/qd130/checkInKcbQd4750"])
    }

    @Test func aRefusedTokenIsRenewedAndTheFileSentAgain() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.login, .respond(401, ""), ScriptedTransport.secondLogin,
            .respond(200, #"{"maKetQua":"200","maGiaoDich":"GD2"}"#),
        ])
        let receipt = try await HTTPInsurancePortalTests.portal(transport).upload(
            PortalUploadFile(bytes: Self.bytes),
            kind: .claims130,
            facility: try FacilityCode("01001")
        )
        #expect(receipt.transactionID == "GD2")
        #expect(transport.sent.last?.header("accessToken") == "A2")
    }
}
