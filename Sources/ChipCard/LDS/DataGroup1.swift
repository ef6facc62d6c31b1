internal import ChipChart

/// DG1: the MRZ as the chip stores it (`61 { 5F1F text }`): an identity card's TD1 (90
/// characters) or a passport's TD3 (88 characters).
public struct DataGroup1: Hashable, Sendable {
    /// The MRZ, parsed and checked.
    public let mrz: MRZ

    /// Parses DG1 bytes exactly as read from the chip.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for bytes that are not DG1; `ValidationError`
    ///   (fields `mrz.…`) for an MRZ that fails its checks.
    public init(bytes: [UInt8]) throws {
        let element = try BERTLV(parsing: bytes)
        guard element.tag == 0x61 else { throw ChipCardError(.malformedData, "DG1 does not start with tag 61") }
        let text = try element.child(tag: 0x5F1F).value
        // A TD1 (identity card) is 3 lines of 30 characters, a TD3 (passport) 2 lines of 44.
        let width = text.count == 90 ? 30 : 44
        guard text.count == 90 || text.count == 88, text.allSatisfy({ $0 < 0x80 }) else {
            throw ChipCardError(.malformedData, "DG1 holds neither a 90-character TD1 nor an 88-character TD3 MRZ")
        }
        let lines = (0..<(text.count / width)).map {
            String(decoding: text[($0 * width)..<($0 * width + width)], as: UTF8.self)
        }
        self.mrz = try MRZ(lines: lines)
    }

    /// DG1 bytes for an MRZ: `61 { 5F1F lines joined }`.
    public static func encode(_ mrz: MRZ) -> [UInt8] {
        BERTLV.encode(tag: 0x61, value: BERTLV.encode(tag: 0x5F1F, value: Array(mrz.lines.joined().utf8)))
    }
}
