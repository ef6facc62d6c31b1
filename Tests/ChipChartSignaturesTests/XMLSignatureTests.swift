import ChipChartSignatures
import Foundation
import TestSupport
import Testing

/// Signed claims files: accepted by `xmlsec1 --verify` and by our verifier; one changed byte
/// anywhere fails both; bad certificates are refused at signing and reported at verification.
@Suite(.serialized)
struct XMLSignatureTests {
    let fixture: SigningFixture

    init() throws { fixture = try SigningFixture() }

    @Test("a signed claims file verifies with xmlsec1 and with ours; only CHUKYDONVI changed")
    func signedFile() async throws {
        let unsigned = try SigningFixture.envelope()
        let signed = try await fixture.signedEnvelope()
        let xmlsec = try XMLSec.verify(signed, trusting: fixture.pki.authorityPEM)
        #expect(xmlsec.ok, "\(xmlsec.output)")
        let verified = try SignatureVerifier(policy: fixture.policy).verify(signed)
        #expect(verified.signer.subjectName.contains("CN=Phòng khám Đa khoa 01001"))
        let text = String(decoding: signed, as: UTF8.self)
        let start = try #require(text.range(of: "<CHUKYDONVI>")).upperBound
        let end = try #require(text.range(of: "</CHUKYDONVI>")).lowerBound
        #expect(String(text[..<start]) + String(text[end...]) == String(decoding: unsigned, as: UTF8.self))
        #expect(text[start..<end].hasPrefix("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">"))
        #expect(!text[start..<end].contains("\n"))
    }

    /// Where to change one byte: after the first occurrence of a marker.
    @Test(
        "one changed byte fails xmlsec1 and our verifier",
        arguments: [
            ("<NOIDUNGFILE>PD94", 40, SignatureError.Reason.digestMismatch),  // inside a base64 table
            ("<NGAYLAP>", 3, .digestMismatch),  // the envelope
            ("<X509Certificate>", 400, .signatureInvalid),  // KeyInfo: inside the certificate's RSA modulus
            ("<SignatureValue>", 10, .signatureInvalid),
            ("<DigestValue>", 5, .digestMismatch),
        ]
    )
    func tampered(marker: String, offset: Int, reason: SignatureError.Reason) async throws {
        var signed = try await fixture.signedEnvelope()
        let text = String(decoding: signed, as: UTF8.self)
        let index = try #require(text.utf8.firstRange(of: marker.utf8)).upperBound
        let position = text.utf8.distance(from: text.utf8.startIndex, to: index) + offset
        signed[position] = signed[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(try XMLSec.verify(signed, trusting: fixture.pki.authorityPEM).ok == false)
        #expect { try SignatureVerifier(policy: fixture.policy).verify(signed) } throws: {
            ($0 as? SignatureError)?.reason == reason
        }
    }

    @Test("a changed X509SubjectName is reported by name")
    func subjectName() async throws {
        let signed = try await fixture.signedEnvelope()
        let text = String(decoding: signed, as: UTF8.self).replacingOccurrences(of: "CN=Phòng", with: "CN=Phong")
        #expect { try SignatureVerifier(policy: fixture.policy).verify(Array(text.utf8)) } throws: {
            ($0 as? SignatureError)?.reason == .subjectNameMismatch
        }
    }

    static let day: TimeInterval = 86_400

    @Test(
        "expired, not yet valid, wrongly used and untrusted certificates sign nothing",
        arguments: [
            (
                TestPKI.Profile(
                    commonName: "expired",
                    validity: Date().addingTimeInterval(-30 * day)...Date().addingTimeInterval(-day)
                ), false, SignatureError.Reason.certificateExpired
            ),
            (
                TestPKI.Profile(
                    commonName: "not yet",
                    validity: Date().addingTimeInterval(day)...Date().addingTimeInterval(30 * day)
                ), false, .certificateNotYetValid
            ),
            (
                TestPKI.Profile(
                    commonName: "encipherment",
                    validity: Date().addingTimeInterval(-day)...Date().addingTimeInterval(30 * day),
                    keyUsage: "critical,keyEncipherment"
                ), false, .keyUsageNotForSigning
            ),
            (TestPKI.Profile.current("another CA's"), true, .untrustedChain),
        ]
    )
    func refusedAtSigning(profile: TestPKI.Profile, otherCA: Bool, reason: SignatureError.Reason) async throws {
        let signer = try fixture.signer(profile, from: otherCA ? TestPKI(commonName: "Untrusted CA") : nil)
        await #expect {
            try await XMLSigner(signer: signer, policy: fixture.policy).sign(
                SigningFixture.envelope(),
                placement: .claimsFile
            )
        } throws: { ($0 as? SignatureError)?.reason == reason }
    }

    @Test(
        "a certificate expired or not yet valid at verification, or untrusted by the verifier, is reported",
        arguments: [(400 * day, SignatureError.Reason.certificateExpired), (-2 * day, .certificateNotYetValid)]
    )
    func reportedAtVerification(shift: TimeInterval, reason: SignatureError.Reason) async throws {
        let signed = try await fixture.signedEnvelope()
        #expect {
            try SignatureVerifier(policy: fixture.policy).verify(signed, at: Date().addingTimeInterval(shift))
        } throws: {
            ($0 as? SignatureError)?.reason == reason
        }
    }

    @Test("a chain the verifier does not trust is reported")
    func untrustedAtVerification() async throws {
        let signed = try await fixture.signedEnvelope()
        let other = CertificatePolicy(trusted: try Certificate.pem(TestPKI(commonName: "Other CA").authorityPEM))
        #expect { try SignatureVerifier(policy: other).verify(signed) } throws: {
            ($0 as? SignatureError)?.reason == .untrustedChain
        }
        #expect(try XMLSec.verify(signed, trusting: TestPKI(commonName: "Other CA").authorityPEM).ok == false)
    }

    @Test("a revoked certificate signs nothing")
    func revoked() async throws {
        let signer = try fixture.signer()
        let policy = CertificatePolicy(
            trusted: fixture.policy.trusted,
            revocation: RevokedSerials([signer.certificateChain[0].serialNumber])
        )
        await #expect {
            try await XMLSigner(signer: signer, policy: policy).sign(SigningFixture.envelope(), placement: .claimsFile)
        } throws: { ($0 as? SignatureError)?.reason == .certificateRevoked }
    }

    @Test("a check-in file is signed inside its own root; a signed file is not signed twice")
    func documentElement() async throws {
        let signer = XMLSigner(signer: try fixture.signer(), policy: fixture.policy)
        let document = Array(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CHECKIN>\n  <MA_LK>1</MA_LK>\n</CHECKIN>\n".utf8
        )
        let signed = try await signer.sign(document, placement: .documentElement)
        #expect(String(decoding: signed, as: UTF8.self).hasSuffix("</Signature></CHECKIN>\n"))
        #expect(try XMLSec.verify(signed, trusting: fixture.pki.authorityPEM).ok)
        _ = try SignatureVerifier(policy: fixture.policy).verify(signed)
        await #expect { try await signer.sign(signed, placement: .documentElement) } throws: {
            ($0 as? SignatureError)?.reason == .alreadySigned
        }
    }

    @Test("a claims file's signature outside CHUKYDONVI is misplaced")
    func misplaced() async throws {
        let signer = XMLSigner(signer: try fixture.signer(), policy: fixture.policy)
        let signed = try await signer.sign(SigningFixture.envelope(), placement: .documentElement)
        let verifier = SignatureVerifier(policy: fixture.policy)
        _ = try verifier.verify(signed, placement: .documentElement)
        #expect { try verifier.verify(signed, placement: .claimsFile) } throws: {
            ($0 as? SignatureError)?.reason == .misplacedSignature
        }
        _ = try verifier.verify(try await fixture.signedEnvelope(), placement: .claimsFile)
    }

    @Test("a wrong PKCS#12 password is unreadableKey")
    func wrongPassword() throws {
        let bytes = try fixture.pki.issue(.current("x"), password: "right")
        #expect { try PKCS12Signer(pkcs12: bytes, password: "wrong") } throws: {
            ($0 as? SignatureError)?.reason == .unreadableKey
        }
    }
}
