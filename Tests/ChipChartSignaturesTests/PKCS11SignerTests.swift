import ChipChartSignatures
import Foundation
import TestSupport
import Testing

/// A claims file signed on a SoftHSM2 token through PKCS#11, verified with OpenSSL (ours) and
/// with xmlsec1. The token is made for the test in a fresh folder: a key pair and its
/// certificate, imported with `softhsm2-util` and `pkcs11-tool` (Debian `softhsm2`, `opensc`).
@Suite(.serialized)
struct PKCS11SignerTests {
    static let module = "/usr/lib/softhsm/libsofthsm2.so"
    static let pin = "1234"

    /// A SoftHSM2 configuration and token in a fresh folder, holding the key and certificate of a
    /// PKCS#12 file under the label `signer` and ID `01`.
    static func token(holding pkcs12: [UInt8], password: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("softhsm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("tokens"),
            withIntermediateDirectories: true
        )
        let configuration = folder.appendingPathComponent("softhsm2.conf")
        try "directories.tokendir = \(folder.path)/tokens\nobjectstore.backend = file\n".write(
            to: configuration,
            atomically: true,
            encoding: .utf8
        )
        setenv("SOFTHSM2_CONF", configuration.path, 1)
        try Data(pkcs12).write(to: folder.appendingPathComponent("key.p12"))
        let certificate = try PKCS12Signer(pkcs12: pkcs12, password: password).certificateChain[0]
        try Data(certificate.der).write(to: folder.appendingPathComponent("cert.der"))
        let steps = [
            [
                "openssl", "pkcs12", "-in", "key.p12", "-passin", "pass:\(password)", "-nocerts", "-nodes", "-out",
                "key.pem",
            ],
            ["softhsm2-util", "--init-token", "--free", "--label", "chipchart", "--pin", pin, "--so-pin", "5678"],
            [
                "softhsm2-util", "--import", "key.pem", "--token", "chipchart", "--label", "signer", "--id", "01",
                "--pin", pin,
            ],
            [
                "pkcs11-tool", "--module", module, "--token-label", "chipchart", "--login", "--pin", pin,
                "--write-object", "cert.der", "--type", "cert", "--id", "01", "--label", "signer",
            ],
        ]
        for step in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = step
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [NSLocalizedDescriptionKey: "\(step[0]) \(step[1]) failed"]
                )
            }
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("key.pem"))
        return folder
    }

    @Test("a claims file signed on a SoftHSM2 token verifies with ours and with xmlsec1; a wrong PIN is refused")
    func softHSM() async throws {
        let fixture = try SigningFixture()
        let pkcs12 = try fixture.pki.issue(.current("Token 01001"), password: SigningFixture.password)
        let folder = try Self.token(holding: pkcs12, password: SigningFixture.password)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect { try PKCS11Signer(module: Self.module, token: "chipchart", pin: "0000") } throws: {
            ($0 as? SignatureError)?.reason == .unreadableKey
        }
        let signer = try PKCS11Signer(module: Self.module, token: "chipchart", pin: Self.pin, key: "signer")
        #expect(signer.certificateChain[0].subjectName.contains("CN=Token 01001"))
        let signed = try await XMLSigner(signer: signer, policy: fixture.policy).sign(
            SigningFixture.envelope(),
            placement: .claimsFile
        )
        let verified = try SignatureVerifier(policy: fixture.policy).verify(signed)
        #expect(verified.signer == signer.certificateChain[0])
        let xmlsec = try XMLSec.verify(signed, trusting: fixture.pki.authorityPEM)
        #expect(xmlsec.ok, "\(xmlsec.output)")
    }
}
