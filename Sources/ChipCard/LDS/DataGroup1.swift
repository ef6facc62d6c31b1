internal import ChipChart

/// DG1: the MRZ as the chip stores it (`61 { 5F1F text }`).
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
        guard text.count == 90, text.allSatisfy({ $0 < 0x80 }) else {
            throw ChipCardError(.malformedData, "DG1 does not hold a 90-character TD1 MRZ")
        }
        let lines = (0..<3).map { String(decoding: text[($0 * 30)..<($0 * 30 + 30)], as: UTF8.self) }
        self.mrz = try MRZ(lines: lines)
    }

    /// DG1 bytes for an MRZ: `61 { 5F1F lines joined }`.
    public static func encode(_ mrz: MRZ) -> [UInt8] {
        BERTLV.encode(tag: 0x61, value: BERTLV.encode(tag: 0x5F1F, value: Array(mrz.lines.joined().utf8)))
    }
}
