import ChipChartSignatures
import Foundation
import TestSupport
import Testing

/// Files `xmlsec1 --sign` signed (and re-serialised, base64 wrapped at 64 columns) verify with ours;
/// a certificate whose key usage is not for signing, which xmlsec1 signs with, is reported.
struct XMLSecInteropTests {
    let fixture: SigningFixture

    init() throws { fixture = try SigningFixture() }

    func signedByXMLSec(_ profile: TestPKI.Profile) throws -> [UInt8] {
        let envelope = String(decoding: try SigningFixture.envelope(), as: UTF8.self)
        let template = envelope.replacingOccurrences(
            of: "<CHUKYDONVI></CHUKYDONVI>",
            with: "<CHUKYDONVI>\(XMLSec.template)</CHUKYDONVI>"
        )
        let pkcs12 = try fixture.pki.issue(profile, password: SigningFixture.password)
        return try XMLSec.sign(Array(template.utf8), pkcs12: pkcs12, password: SigningFixture.password)
    }

    @Test("a claims file xmlsec1 signed verifies with ours")
    func xmlsecSigned() throws {
        let signed = try signedByXMLSec(.current("xmlsec1 signer"))
        let verified = try SignatureVerifier(policy: fixture.policy).verify(signed)
        #expect(verified.signer.subjectName.contains("CN=xmlsec1 signer"))
    }

    @Test("a wrong key usage is reported at verification")
    func keyUsage() throws {
        let profile = TestPKI.Profile(
            commonName: "encipherment",
            validity: Date().addingTimeInterval(-86_400)...Date().addingTimeInterval(86_400),
            keyUsage: "critical,keyEncipherment"
        )
        let signed = try signedByXMLSec(profile)
        #expect { try SignatureVerifier(policy: fixture.policy).verify(signed) } throws: {
            ($0 as? SignatureError)?.reason == .keyUsageNotForSigning
        }
    }
}
