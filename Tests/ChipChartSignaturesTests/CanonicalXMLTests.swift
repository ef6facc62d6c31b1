import ChipChartSignatures
import Crypto
import Foundation
import Testing

/// Canonical XML 1.0 on the recommendation's own examples and on the claims files we write.
struct CanonicalXMLTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    @Test(
        "the W3C examples canonicalise to their canonical forms",
        arguments: [
            ("3.1-nodoctype-input", "3.1-output"), ("3.2-input", "3.2-output"),
            ("3.3-nodoctype-input", "3.3-nodoctype-output"), ("3.4-nodoctype-input", "3.4-nodoctype-output"),
            ("3.6-input", "3.6-output"),
        ]
    )
    func example(input: String, output: String) throws {
        let canonical = try CanonicalXML.canonicalize(Self.bytes("C14N/\(input).xml"))
        let expected = try Self.bytes("C14N/\(output).xml")
        #expect(String(decoding: canonical, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("a document type declaration is refused, not canonicalised wrongly", arguments: ["3.1", "3.3", "3.4", "3.5"])
    func documentType(example: String) throws {
        let input = try Self.bytes("C14N/\(example)-input.xml")
        #expect { try CanonicalXML.canonicalize(input) } throws: { ($0 as? SignatureError)?.reason == .unsupportedXML }
    }

    @Test(
        "what is not implemented or not well-formed is refused by name",
        arguments: [
            ("<?xml version=\"1.0\" encoding=\"windows-1258\"?><a>\u{1EA1}</a>", SignatureError.Reason.unsupportedXML),
            ("<a>&nbsp;</a>", .unsupportedXML),
            ("<a><b></a></b>", .malformedXML),
            ("<p:a/>", .malformedXML),
            ("<a x='1' x='2'/>", .malformedXML),
            ("<a>&#0;</a>", .malformedXML),
            ("<a></a><b></b>", .malformedXML),
            ("<a>", .malformedXML),
        ]
    )
    func refused(text: String, reason: SignatureError.Reason) {
        #expect { try CanonicalXML.canonicalize(Array(text.utf8)) } throws: {
            ($0 as? SignatureError)?.reason == reason
        }
    }

    @Test("a claims file we write canonicalises to itself without its declaration and last line feed")
    func claimsFile() throws {
        let envelope = try Self.bytes("../ChipChartClaimsTests/Golden/envelope.xml")
        let declarationEnd = try #require(envelope.firstIndex(of: 0x0A)) + 1
        let canonical = try CanonicalXML.canonicalize(envelope)
        #expect(canonical == Array(envelope[declarationEnd..<(envelope.count - 1)]))
    }

    @Test("the canonical content of xmlsec's enveloped RSA-SHA256 test file has the digest xmlsec signed")
    func xmlsecDigest() throws {
        let document = try Self.bytes("C14N/xmlsec-enveloped-sha256-rsa-sha256.xml")
        let content = try CanonicalXML.canonicalizeWithoutSignature(document)
        #expect(
            Data(SHA256.hash(data: content)).base64EncodedString() == "SsyGDfQDqAg9cuEzSIJDsrp8cSWGzoRqH8E3atXJ4Dw="
        )
        #expect { try SignatureVerifier(policy: CertificatePolicy(trusted: [])).verify(document) } throws: {
            ($0 as? SignatureError)?.reason == .unsupportedAlgorithm
        }
    }

    @Test("text escapes only &, <, > and CR; attributes sort by namespace URI, then local name")
    func escaping() throws {
        let input = "<r xmlns:z=\"urn:a\" xmlns:a=\"urn:z\" b=\"'\" a:x=\"1\" z:x=\"2\">'\"&amp;&gt;\r\n</r>"
        let canonical = try CanonicalXML.canonicalize(Array(input.utf8))
        #expect(
            String(decoding: canonical, as: UTF8.self)
                == "<r xmlns:a=\"urn:z\" xmlns:z=\"urn:a\" b=\"'\" z:x=\"2\" a:x=\"1\">'\"&amp;&gt;\n</r>"
        )
    }
}
