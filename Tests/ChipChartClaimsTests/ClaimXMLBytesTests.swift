import ChipChart
import Foundation
import Testing

@testable import ChipChartClaims

/// The byte writer against the text writer it replaced: the same bytes for every document, the
/// same base64, the same envelope.
@Suite("Claims XML written as bytes")
struct ClaimXMLBytesTests {
    /// The text writer the byte writer replaced, kept as the reference: one `String` per
    /// document, each value escaped by ``ClaimXML/escape(_:)``.
    static func referenceDocument(_ document: ClaimDocument) -> String {
        let table = document.table
        var out = ClaimXML.declaration + "<\(table.rootElement)>\n"
        let append = { (row: ClaimRow, indent: String) in
            for value in row.values {
                out += "\(indent)<\(value.name)>\(ClaimXML.escape(value.text))</\(value.name)>\n"
            }
        }
        if let list = table.listElement, let row = table.rowElement {
            out += "  <\(list)>\n"
            for values in document.rows {
                out += "    <\(row)>\n"
                append(values, "      ")
                out += "    </\(row)>\n"
            }
            out += "  </\(list)>\n"
        } else {
            for values in document.rows { append(values, "  ") }
        }
        return out + "</\(table.rootElement)>\n"
    }

    /// The envelope as the text writer made it: each table's XML through Foundation's base64.
    static func referenceEnvelope(_ envelope: ClaimEnvelope, _ claims: [Claim]) -> String {
        var out = envelope.headBeforeCount + ClaimEnvelope.countElement(claims.count) + ClaimEnvelope.headAfterCount
        for claim in claims {
            out += "      <HOSO>\n"
            for document in claim.envelopeDocuments {
                out += "        <FILEHOSO>\n          <LOAIHOSO>\(document.table.fileType)</LOAIHOSO>\n"
                out += "          <NOIDUNGFILE>\(Data(referenceDocument(document).utf8).base64EncodedString())"
                out += "</NOIDUNGFILE>\n        </FILEHOSO>\n"
            }
            out += "      </HOSO>\n"
        }
        return out + ClaimEnvelope.tail
    }

    /// Texts that exercise escaping: the five escaped characters, characters XML cannot carry,
    /// Vietnamese, an emoji, U+FFFD (kept) beside U+FFFE and U+FFFF (dropped), nothing at all.
    static let texts = [
        "", "Nguyễn Văn A", "Sốt & ho <3 ngày>", "\"trích\" 'dẫn'", "a\u{0}b\u{1F}c\td\ne\rf",
        "\u{FFFD}\u{FFFE}\u{FFFF}x", "😷 ho", "&amp;", "<<>>&&", "Đ", "ký tự\u{7F}\u{85}",
    ]

    /// Every table of the fixtures' claims, and each with its first row's texts replaced by the
    /// tricky ones in turn (the rows need not be valid: only the bytes are compared).
    static func documents() async throws -> [ClaimDocument] {
        let inputs = [
            try ClaimFixtures.outpatient(), try ClaimFixtures.inpatientAcrossReplacement(),
            try await ChartedClaimFixtures.outpatient(), try await ChartedClaimFixtures.inpatient(),
        ]
        let tables = try inputs.flatMap { input in
            let claim = try Claim(input)
            return [claim.checkIn] + claim.envelopeDocuments
        }
        let varied = tables.flatMap { document in
            texts.indices.map { shift in
                var changed = document
                for index in changed.rows[0].values.indices {
                    changed.rows[0].values[index].text = texts[(index + shift) % texts.count]
                }
                return changed
            }
        }
        return tables + varied
    }

    @Test func everyDocumentHasTheReferenceBytes() async throws {
        for document in try await Self.documents() {
            var bytes: [UInt8] = [0x2A]
            ClaimXMLBytes.append(document, to: &bytes)
            // Compared as Data: a failure names the sizes rather than every byte.
            #expect(Data(bytes) == Data([0x2A] + Array(Self.referenceDocument(document).utf8)), "\(document.table)")
            #expect(document.xml == Self.referenceDocument(document))
        }
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 256, 257, 4096])
    func base64IsFoundations(_ count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ $0 >> 3) }
        var out = Array("prefix".utf8)
        ClaimBase64.append(bytes, to: &out)
        #expect(out == Array(("prefix" + Data(bytes).base64EncodedString()).utf8))
        #expect(ClaimBase64.encodedCount(count) == out.count - 6)
    }

    @Test func theEnvelopeHasTheReferenceBytes() async throws {
        let envelope = ClaimEnvelope(facility: ClaimFixtures.facility, createdOn: try ClaimFixtures.date(3, 8))
        var inputs: [ClaimInput] = []
        for (number, text) in Self.texts.enumerated() {
            var input = try ClaimFixtures.outpatient()
            input.visit.reason = text
            input.visit.key = "01001.20260302.\(number)"
            inputs.append(input)
        }
        inputs += [try await ChartedClaimFixtures.outpatient(), try await ChartedClaimFixtures.inpatient()]
        let claims = try inputs.enumerated().map { try Claim($0.element, sequence: $0.offset + 1) }
        #expect(envelope.xml(for: claims) == Self.referenceEnvelope(envelope, claims))
    }
}
