import ChipChart
import ChipChartClaims
import Foundation
import Testing

/// What we write, read back by Foundation's XMLParser, must be the rows we meant.
@Suite("Claims XML read back by an XML parser")
struct ClaimRoundTripTests {
    /// The rows of a claims document as an XML parser sees them.
    static func rows(of xml: String, table: ClaimTable) throws -> [ClaimRow] {
        let root = try #require(XMLNode.parse(Data(xml.utf8)))
        #expect(root.name == table.rootElement)
        let nodes: [XMLNode]
        if let list = table.listElement, let row = table.rowElement {
            nodes = try #require(root.child(list)).children.filter { $0.name == row }
        } else {
            nodes = [root]
        }
        return nodes.map { node in
            ClaimRow(values: node.children.map { ClaimRow.Value(name: $0.name, text: $0.text) })
        }
    }

    @Test(arguments: ["outpatient", "inpatient"])
    func everyTableReadsBackAsWritten(_ name: String) throws {
        let input =
            name == "outpatient" ? try ClaimFixtures.outpatient() : try ClaimFixtures.inpatientAcrossReplacement()
        let claim = try Claim(input)
        for document in [claim.checkIn, claim.summary, claim.drugs, claim.services] {
            let parsed = try Self.rows(of: document.xml, table: document.table)
            #expect(parsed == document.rows, "\(document.table)")
            #expect(ClaimValidator.violations(in: ClaimDocument(table: document.table, rows: parsed)).isEmpty)
        }
        // Escaping: the reason holds &, < and >.
        if name == "outpatient" {
            #expect(claim.summary.xml.contains("<LY_DO_VV>Sốt &amp; ho &lt;3 ngày&gt;</LY_DO_VV>"))
            #expect(try Self.rows(of: claim.summary.xml, table: .summary).first?["LY_DO_VV"] == "Sốt & ho <3 ngày>")
        }
    }

    @Test func envelopeCarriesEachTableAsBase64OfItsXML() throws {
        let claims = [
            try Claim(ClaimFixtures.outpatient(), sequence: 1),
            try Claim(ClaimFixtures.inpatientAcrossReplacement(), sequence: 2),
        ]
        let text = ClaimEnvelope(facility: ClaimFixtures.facility, createdOn: try ClaimFixtures.date(3, 8)).xml(
            for: claims
        )
        let root = try #require(XMLNode.parse(Data(text.utf8)))
        #expect(root.name == "GIAMDINHHS")
        #expect(root.child("THONGTINDONVI")?.child("MACSKCB")?.text == "01001")
        let info = try #require(root.child("THONGTINHOSO"))
        #expect(info.child("NGAYLAP")?.text == "20260308")
        #expect(info.child("SOLUONGHOSO")?.text == "2")
        let records = try #require(info.child("DANHSACHHOSO")).children
        #expect(records.count == 2)
        #expect(root.child("CHUKYDONVI") != nil)
        for (record, claim) in zip(records, claims) {
            let files = record.children.filter { $0.name == "FILEHOSO" }
            #expect(files.map { $0.child("LOAIHOSO")?.text } == ["XML1", "XML2", "XML3"])
            for (file, document) in zip(files, claim.envelopeDocuments) {
                let base64 = try #require(file.child("NOIDUNGFILE")?.text)
                let inner = try #require(Data(base64Encoded: base64)).map { $0 }
                let innerText = try #require(String(bytes: inner, encoding: .utf8))
                #expect(innerText == document.xml)
                #expect(try Self.rows(of: innerText, table: document.table) == document.rows)
            }
        }
    }

    @Test(arguments: [
        ("a & b", "a &amp; b"), ("<x>", "&lt;x&gt;"), ("\"'", "&quot;&apos;"), ("Nguyễn", "Nguyễn"), ("a\u{1}b", "ab"),
    ])
    func textIsEscaped(_ text: String, _ escaped: String) {
        #expect(ClaimXML.escape(text) == escaped)
    }
}
