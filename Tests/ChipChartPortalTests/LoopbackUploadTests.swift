import ChipChart
import ChipChartPortal
import ChipChartPortalTesting
import ChipChartSignatures
import ChipChartTesting
import Foundation
import TestSupport
import Testing

@Suite("Uploads over HTTP on loopback: the fake checks each file's signature; receipts are kept")
struct LoopbackUploadTests {
    /// A one-visit claims file, unsigned, whose table carries `MA_LK` 01001.1.
    static let unsigned: [UInt8] = {
        let table = Data("<TONG_HOP><MA_LK>01001.1</MA_LK></TONG_HOP>".utf8).base64EncodedString()
        return Array(
            ("<GIAMDINHHS><THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI><THONGTINHOSO><DANHSACHHOSO>"
                + "<HOSO><FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>\(table)</NOIDUNGFILE></FILEHOSO></HOSO>"
                + "</DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI></CHUKYDONVI></GIAMDINHHS>").utf8
        )
    }()

    /// The file signed by a certificate valid for years either side of today.
    static func signed() async throws -> [UInt8] {
        let pki = try TestPKI()
        let validity = Date().addingTimeInterval(-3 * 365 * 86_400)...Date().addingTimeInterval(3 * 365 * 86_400)
        let pkcs12 = try pki.issue(TestPKI.Profile(commonName: "Phòng khám 01001", validity: validity), password: "t")
        let signer = XMLSigner(
            signer: try PKCS12Signer(pkcs12: pkcs12, password: "t"),
            policy: CertificatePolicy(trusted: try Certificate.pem(pki.authorityPEM))
        )
        return try await signer.sign(unsigned, placement: .claimsFile)
    }

    static func upload(_ bytes: [UInt8], _ desk: LoopbackDesk) async throws -> PortalUploadReceipt {
        try await desk.portal.upload(
            PortalUploadFile(bytes: Data(bytes)),
            kind: .claims130,
            facility: try FacilityCode("01001")
        )
    }

    @Test func anUnsignedFileIs123() async throws {
        try await LoopbackDesk.with { desk in
            let receipt = try await Self.upload(Self.unsigned, desk)
            #expect(receipt.result == "123")
            #expect(receipt.outcome == .unsigned)
            #expect(receipt.key == "01001.1")
            #expect(desk.fake.uploads.map(\.result) == ["123"])
        }
    }

    @Test func aFileChangedAfterSigningIs125ThenAcceptedWhenSignedAgain() async throws {
        try await LoopbackDesk.with { desk in
            let signed = try await Self.signed()
            let changed = String(decoding: signed, as: UTF8.self)
                .replacingOccurrences(of: "<MACSKCB>01001<", with: "<MACSKCB>01002<")
            let refused = try await Self.upload(Array(changed.utf8), desk)
            #expect(refused.result == "125")
            #expect(refused.outcome.isSignatureProblem)
            #expect(refused.transactionID.isEmpty)
            let accepted = try await Self.upload(signed, desk)
            #expect(accepted.outcome == .accepted)
            #expect(!accepted.transactionID.isEmpty)
            #expect(accepted.receivedAt.count == 14)
            #expect(desk.fake.uploads.map(\.result) == ["125", "200"])
            #expect(desk.fake.uploads.last?.bytes == Data(signed))
            #expect(desk.fake.requests.last?.path == "/api/qd130/guiHoSoXmlQD4750")
        }
    }

    @Test func aDuplicateIsAcceptedAgainByDefaultOrAnsweredByTheRule() async throws {
        try await LoopbackDesk.with { desk in
            let signed = try await Self.signed()
            let first = try await Self.upload(signed, desk)
            let again = try await Self.upload(signed, desk)
            #expect(again.outcome == .accepted)
            #expect(again.transactionID != first.transactionID)
            desk.fake.answerDuplicateUploads(.refuse(code: "409", message: "already received"))
            let refused = try await Self.upload(signed, desk)
            #expect(refused.result == "409")
            #expect(refused.outcome == .refused)
        }
    }

    @Test func everyReceiptIsItsOwnAuditedRecordLinkedToTheVisit() async throws {
        try await LoopbackDesk.with { desk in
            let visit = try Visit(
                key: "01001.1",
                patientID: PatientID(),
                facility: try FacilityCode("01001"),
                admittedAt: desk.clock.now
            )
            let access = Access(by: desk.staff, purpose: "claims upload")
            let refused = try await Self.upload(Self.unsigned, desk)
            let accepted = try await Self.upload(try await Self.signed(), desk)
            try await desk.store.keepUploadReceipt(refused, for: visit, by: access)
            let stored = try await desk.store.keepUploadReceipt(accepted, for: visit, by: access)
            #expect(stored?.receipt == accepted)
            let receipts = try await desk.store.uploadReceipts()
            #expect(receipts.map(\.receipt) == [refused, accepted])
            #expect(receipts.allSatisfy { $0.visitID == visit.id && $0.staff == desk.staff })
            #expect(
                receipts.allSatisfy { $0.event.patientID == visit.patientID && $0.event.purpose == "claims upload" }
            )
            #expect(try await desk.store.verifyAuditTrail().isIntact)
        }
    }
}
