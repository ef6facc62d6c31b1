import ChipChartSignatures
import Foundation
import TestSupport
import Testing

/// A claims file signed on a SoftHSM2 token through PKCS#11, verified with OpenSSL (ours) and
/// with xmlsec1. The token is made for the test in a fresh folder: a key pair and its
/// certificate (``SoftHSMToken``).
struct PKCS11SignerTests {
    @Test("a claims file signed on a SoftHSM2 token verifies with ours and with xmlsec1; a wrong PIN is refused")
    func softHSM() async throws {
        let fixture = try SigningFixture()
        let pkcs12 = try fixture.pki.issue(.current("Token 01001"), password: SigningFixture.password)
        let folder = try SoftHSMToken.make(holding: pkcs12, password: SigningFixture.password)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The module reads its configuration when first initialised in this process.
        setenv("SOFTHSM2_CONF", folder.appendingPathComponent("softhsm2.conf").path, 1)
        let module = SoftHSMToken.module
        #expect { try PKCS11Signer(module: module, token: SoftHSMToken.label, pin: "0000") } throws: {
            ($0 as? SignatureError)?.reason == .unreadableKey
        }
        let signer = try PKCS11Signer(module: module, token: SoftHSMToken.label, pin: SoftHSMToken.pin, key: "signer")
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
