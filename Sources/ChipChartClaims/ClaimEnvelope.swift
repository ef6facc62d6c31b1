public import ChipChart
import Foundation

/// The `GIAMDINHHS` envelope sent to the insurer: the facility, the date, and each visit's
/// tables as base64 of their UTF-8 XML.
///
/// ```xml
/// <GIAMDINHHS>
///   <THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI>
///   <THONGTINHOSO>
///     <NGAYLAP>20260302</NGAYLAP>
///     <SOLUONGHOSO>2</SOLUONGHOSO>
///     <DANHSACHHOSO>
///       <HOSO><FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>PD94…</NOIDUNGFILE></FILEHOSO>…</HOSO>
///     </DANHSACHHOSO>
///   </THONGTINHOSO>
///   <CHUKYDONVI></CHUKYDONVI>
/// </GIAMDINHHS>
/// ```
///
/// `CHUKYDONVI` is left empty: the facility's signing tool fills it. For many visits, stream with
/// ``ClaimExporter`` instead of building the whole text.
public struct ClaimEnvelope: Sendable, Hashable {
    /// The facility that sends (`MACSKCB`).
    public var facility: FacilityCode
    /// The day the file is made (`NGAYLAP`).
    public var createdOn: CalendarDate

    /// An envelope for a facility and day.
    public init(facility: FacilityCode, createdOn: CalendarDate) {
        self.facility = facility
        self.createdOn = createdOn
    }

    /// The whole envelope for some claims, as text.
    public func xml(for claims: [Claim]) -> String {
        var out = headBeforeCount + Self.countElement(claims.count) + Self.headAfterCount
        for claim in claims { out += Self.record(claim) }
        return out + Self.tail
    }

    /// Everything before the `SOLUONGHOSO` element.
    var headBeforeCount: String {
        ClaimXML.declaration + "<GIAMDINHHS>\n  <THONGTINDONVI>\n    <MACSKCB>\(facility.value)</MACSKCB>\n"
            + "  </THONGTINDONVI>\n  <THONGTINHOSO>\n    <NGAYLAP>\(createdOn.compact)</NGAYLAP>\n    "
    }

    /// The `SOLUONGHOSO` element, followed by spaces up to `width` bytes (whitespace between
    /// elements means nothing, so a count can be patched in place later).
    static func countElement(_ count: Int, width: Int = 0) -> String {
        let element = "<SOLUONGHOSO>\(count)</SOLUONGHOSO>"
        return element + String(repeating: " ", count: max(0, width - element.utf8.count))
    }

    /// Everything after the count, up to the first `HOSO`.
    static let headAfterCount = "\n    <DANHSACHHOSO>\n"

    /// Everything after the last `HOSO`.
    static let tail = "    </DANHSACHHOSO>\n  </THONGTINHOSO>\n  <CHUKYDONVI></CHUKYDONVI>\n</GIAMDINHHS>\n"

    /// One visit's `HOSO`: a `FILEHOSO` for each table sent.
    static func record(_ claim: Claim) -> String {
        var out: [UInt8] = []
        var scratch: [UInt8] = []
        appendRecord(claim, to: &out, scratch: &scratch)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one visit's `HOSO` as UTF-8 bytes; `scratch` holds each table's XML on its way to
    /// base64 (pass the same buffer for every visit so it is allocated once).
    static func appendRecord(_ claim: Claim, to out: inout [UInt8], scratch: inout [UInt8]) {
        out.append(contentsOf: "      <HOSO>\n".utf8)
        for document in claim.envelopeDocuments {
            out.append(contentsOf: "        <FILEHOSO>\n          <LOAIHOSO>".utf8)
            out.append(contentsOf: document.table.fileType.utf8)
            out.append(contentsOf: "</LOAIHOSO>\n          <NOIDUNGFILE>".utf8)
            scratch.removeAll(keepingCapacity: true)
            ClaimXMLBytes.append(document, to: &scratch)
            ClaimBase64.append(scratch, to: &out)
            out.append(contentsOf: "</NOIDUNGFILE>\n        </FILEHOSO>\n".utf8)
        }
        out.append(contentsOf: "      </HOSO>\n".utf8)
    }
}
