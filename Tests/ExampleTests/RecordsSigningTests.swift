import Foundation
import TestSupport
import Testing

/// `records claims --sign` and `--split`, and `records verify`, run as built; every signed file
/// also verifies with `xmlsec1`.
@Suite("records claims --sign and records verify, run as built")
struct RecordsSigningTests {
    static let password = "test-only"

    /// The sample clinic, with `ca.pem`, `pass.txt` and `key.p12` (a certificate of `ca.pem`
    /// with the validity given) beside it.
    static func clinic(validity: ClosedRange<Date>? = nil) async throws -> URL {
        let folder = try await RecordsCommandTests.clinic()
        let pki = try TestPKI()
        let profile = TestPKI.Profile(
            commonName: "Phòng khám 01001",
            validity: validity ?? Date().addingTimeInterval(-86_400)...Date().addingTimeInterval(86_400 * 365)
        )
        try Data(pki.authorityPEM).write(to: folder.appendingPathComponent("ca.pem"))
        try Data(pki.issue(profile, password: password)).write(to: folder.appendingPathComponent("key.p12"))
        try Data((password + "\n").utf8).write(to: folder.appendingPathComponent("pass.txt"))
        return folder
    }

    static let claims = ["claims", "--db", "clinic.sqlite", "--from", "2026-03-02", "--to", "2026-03-03"]
    static let signing = ["--sign", "key.p12", "--sign-password-file", "pass.txt", "--trusted-pem", "ca.pem"]

    @Test func aSignedClaimsFileVerifiesWithRecordsAndXMLSec() async throws {
        let folder = try await Self.clinic()
        let result = try await RecordsCommandTests.records(
            Self.claims + ["--out", "day.xml"] + Self.signing + ["--staff", RecordsCommandTests.staff],
            in: folder
        )
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("2 claims written to day.xml, signed by "))
        let verify = try await RecordsCommandTests.records(
            ["verify", "--trusted-pem", "ca.pem", "day.xml"],
            in: folder
        )
        #expect(verify.status == 0, "\(verify.standardError)")
        #expect(verify.standardOutput.hasPrefix("day.xml: signed by "))
        let xmlsec = try XMLSec.verify(
            file: folder.appendingPathComponent("day.xml"),
            trusting: folder.appendingPathComponent("ca.pem")
        )
        #expect(xmlsec.ok, "\(xmlsec.output)")
    }

    @Test func splitWritesOneSignedFilePerVisitNamedByItsKey() async throws {
        let folder = try await Self.clinic()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out"),
            withIntermediateDirectories: true
        )
        let result = try await RecordsCommandTests.records(Self.claims + ["--split", "out"] + Self.signing, in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("2 claims written to out, one file each, signed by "))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
            .sorted()
        #expect(files.count == 2)
        for file in files {
            let xml = try String(contentsOf: folder.appendingPathComponent("out/\(file)"), encoding: .utf8)
            let key = try #require(file.split(separator: ".xml").first)
            #expect(xml.contains("<SOLUONGHOSO>1</SOLUONGHOSO>"))
            let table = try #require(
                xml.split(separator: "<NOIDUNGFILE>").dropFirst().first?.split(separator: "<").first
            )
            let decoded = String(decoding: Data(base64Encoded: String(table)) ?? Data(), as: UTF8.self)
            #expect(decoded.contains("<MA_LK>\(key)</MA_LK>"))
            let xmlsec = try XMLSec.verify(
                file: folder.appendingPathComponent("out/\(file)"),
                trusting: folder.appendingPathComponent("ca.pem")
            )
            #expect(xmlsec.ok, "\(xmlsec.output)")
        }
        let verify = try await RecordsCommandTests.records(
            ["verify", "--trusted-pem", "ca.pem"] + files.map { "out/\($0)" },
            in: folder
        )
        #expect(verify.status == 0, "\(verify.standardError)")
        #expect(verify.standardOutput.split(separator: "\n").count == 2)
    }

    @Test func aChangedOrUnsignedFileIs65NamingTheFileAndTheReason() async throws {
        let folder = try await Self.clinic()
        let signed = try await RecordsCommandTests.records(
            Self.claims + ["--out", "day.xml"] + Self.signing,
            in: folder
        )
        #expect(signed.status == 0, "\(signed.standardError)")
        let unsigned = try await RecordsCommandTests.records(Self.claims + ["--out", "plain.xml"], in: folder)
        #expect(unsigned.status == 0, "\(unsigned.standardError)")
        let url = folder.appendingPathComponent("day.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "<MACSKCB>01001<", with: "<MACSKCB>01002<").utf8).write(
            to: folder.appendingPathComponent("changed.xml")
        )
        let verify = try await RecordsCommandTests.records(
            ["verify", "--trusted-pem", "ca.pem", "day.xml", "changed.xml", "plain.xml"],
            in: folder
        )
        #expect(verify.status == 65)
        #expect(verify.standardOutput.hasPrefix("day.xml: signed by "))
        let lines = verify.standardError.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("error: changed.xml: digestMismatch") == true, "\(verify.standardError)")
        #expect(lines.last?.hasPrefix("error: plain.xml: signatureMissing") == true, "\(verify.standardError)")
    }

    @Test func aClaimsFileSignedOnATokenVerifies() async throws {
        let folder = try await RecordsCommandTests.clinic()
        let pki = try TestPKI()
        try Data(pki.authorityPEM).write(to: folder.appendingPathComponent("ca.pem"))
        try Data((SoftHSMToken.pin + "\n").utf8).write(to: folder.appendingPathComponent("pin.txt"))
        let pkcs12 = try pki.issue(.current("Token 01001"), password: Self.password)
        let token = try SoftHSMToken.make(holding: pkcs12, password: Self.password)
        defer { try? FileManager.default.removeItem(at: token) }
        // The child finds the token through SOFTHSM2_CONF, set for it alone.
        let records = try BuiltExecutable("records")
        let result = try await BuiltExecutable(at: URL(fileURLWithPath: "/usr/bin/env")).runInBackground(
            ["SOFTHSM2_CONF=\(token.path)/softhsm2.conf", records.url.path] + Self.claims + ["--out", "day.xml"]
                + ["--sign-token", SoftHSMToken.module, "--sign-token-label", SoftHSMToken.label]
                + ["--sign-password-file", "pin.txt", "--trusted-pem", "ca.pem"],
            in: folder
        )
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("signed by "), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("CN=Token 01001"))
        let verify = try await RecordsCommandTests.records(
            ["verify", "--trusted-pem", "ca.pem", "day.xml"],
            in: folder
        )
        #expect(verify.status == 0, "\(verify.standardError)")
    }

    @Test func anExpiredCertificateSignsNothing() async throws {
        let folder = try await Self.clinic(
            validity: Date().addingTimeInterval(-86_400 * 30)...Date().addingTimeInterval(-86_400)
        )
        let result = try await RecordsCommandTests.records(
            Self.claims + ["--out", "day.xml"] + Self.signing,
            in: folder
        )
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("error: sign: certificateExpired"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("day.xml").path))
    }

    @Test(arguments: [
        (["--sign", "absent.p12"], 66, "sign"),
        (["--sign", "key.p12"], 65, "sign"),  // the password is not empty
        (["--sign", "key.p12", "--sign-password-file", "absent.txt"], 66, "sign-password-file"),
        (["--sign", "key.p12", "--sign-password-file", "pass.txt", "--trusted-pem", "pass.txt"], 65, "trusted-pem"),
        (["--sign-password-file", "pass.txt"], 65, "sign"),
    ])
    func badSigningInputNamesTheOption(_ arguments: [String], _ status: Int32, _ field: String) async throws {
        let folder = try await Self.clinic()
        let result = try await RecordsCommandTests.records(Self.claims + ["--out", "day.xml"] + arguments, in: folder)
        #expect(result.status == status, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("error: \(field):"), "\(result.standardError)")
    }
}
