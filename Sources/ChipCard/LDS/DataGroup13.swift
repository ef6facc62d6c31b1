internal import Foundation

/// DG13: the Vietnamese card's personal data, addressed by field number.
///
/// `6D { 30 { INTEGER 1, OID, SET { SEQUENCE { INTEGER n, value } … } } }`. Real cards are not
/// strictly DER-sorted, so fields are found by number wherever they stand; a field may be
/// missing; strings may be UTF8String (`0C`), PrintableString (`13`), T61String (`14`),
/// IA5String (`16`) or BMPString (`1E`); fields 13 (parents) and 14 (spouse) hold a nested
/// SEQUENCE of names. A field in an unknown shape is kept as raw bytes.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let dg13 = try DataGroup13(bytes: bytes)
/// print(dg13.text(2) ?? "")        // "Nguyễn Văn A"
/// print(dg13.fatherName ?? "")     // "Nguyễn Văn B"
/// ```
public struct DataGroup13: Hashable, Sendable {
    /// One field's value.
    public enum Value: Hashable, Sendable {
        /// A string, NFC-normalised.
        case text(String)
        /// A sequence of strings (parents, spouse).
        case list([String])
        /// Bytes in a shape this parser does not interpret (the encoded element).
        case raw([UInt8])
    }

    /// The fields by number (1 ID, 2 name, 3 birth date, 4 sex, 5 nationality, 6 ethnicity,
    /// 7 religion, 8 place of origin, 9 residence, 10 identifying marks, 11 issue date, 12 expiry,
    /// 13 parents, 14 spouse, 15 and 16 disputed).
    public let fields: [Int: Value]

    /// The largest field number accepted.
    public static let maximumFieldNumber = 1000

    /// Parses DG13 bytes exactly as read from the chip.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` when the bytes are not BER-TLV in the DG13
    ///   shape (tag 6D around a SEQUENCE holding the field entries).
    public init(bytes: [UInt8]) throws(ChipCardError) {
        let element = try BERTLV(parsing: bytes)
        guard element.tag == 0x6D else { throw ChipCardError(.malformedData, "DG13 does not start with tag 6D") }
        guard let outer = try element.children().first(where: { $0.tag == 0x30 }) else {
            throw ChipCardError(.malformedData, "DG13 holds no SEQUENCE")
        }
        var fields: [Int: Value] = [:]
        for container in try outer.children() where container.tag == 0x31 || container.tag == 0x30 {
            for entry in try container.children() where entry.tag == 0x30 {
                let parts = try entry.children()
                guard let number = parts.first.flatMap(DataGroup13.fieldNumber), fields[number] == nil else { continue }
                fields[number] = DataGroup13.value(of: Array(parts.dropFirst()))
            }
        }
        self.fields = fields
    }

    /// Creates DG13 contents from fields (for the simulated chip and tests).
    public init(fields: [Int: Value]) { self.fields = fields }

    /// The text of a field, when it is a string.
    public func text(_ number: Int) -> String? {
        if case .text(let text) = fields[number] { return text }
        return nil
    }

    /// The names of a list field (13, 14), or the single text as a one-element list.
    public func list(_ number: Int) -> [String] {
        switch fields[number] {
        case .list(let names): return names
        case .text(let text): return [text]
        default: return []
        }
    }

    /// Field 13's first name.
    public var fatherName: String? { list(13).first.flatMap { $0.isEmpty ? nil : $0 } }
    /// Field 13's second name.
    public var motherName: String? { list(13).dropFirst().first.flatMap { $0.isEmpty ? nil : $0 } }
    /// Field 14's first name.
    public var spouseName: String? { list(14).first.flatMap { $0.isEmpty ? nil : $0 } }

    /// DG13 bytes for the fields, in the order given (`6D { 30 { 1, OID, SET { … } } }`).
    public static func encode(_ entries: [(Int, Value)]) -> [UInt8] {
        var set: [UInt8] = []
        for (number, value) in entries {
            var body = BERTLV.encode(tag: 0x02, value: DataGroup13.integerBytes(number))
            switch value {
            case .text(let text): body += BERTLV.encode(tag: 0x0C, value: Array(text.utf8))
            case .list(let names):
                body += BERTLV.encode(
                    tag: 0x30,
                    value: names.flatMap { BERTLV.encode(tag: 0x0C, value: Array($0.utf8)) }
                )
            case .raw(let bytes): body += bytes
            }
            set += BERTLV.encode(tag: 0x30, value: body)
        }
        let oid: [UInt8] = [0x28, 0xD3, 0x16, 0x01, 0x00, 0x08]
        let sequence =
            BERTLV.encode(tag: 0x02, value: [1]) + BERTLV.encode(tag: 0x06, value: oid)
            + BERTLV.encode(tag: 0x31, value: set)
        return BERTLV.encode(tag: 0x6D, value: BERTLV.encode(tag: 0x30, value: sequence))
    }

    static func fieldNumber(_ element: BERTLV) -> Int? {
        guard element.tag == 0x02, (1...2).contains(element.value.count), element.value[0] & 0x80 == 0 else {
            return nil
        }
        let number = element.value.reduce(0) { $0 << 8 | Int($1) }
        return (1...maximumFieldNumber).contains(number) ? number : nil
    }

    static func integerBytes(_ number: Int) -> [UInt8] {
        number < 0x80 ? [UInt8(number)] : [UInt8(number >> 8), UInt8(number & 0xFF)]
    }

    static func value(of parts: [BERTLV]) -> Value {
        if parts.count == 1, let text = string(parts[0]) { return .text(text) }
        if parts.count == 1, parts[0].tag == 0x30, let inner = try? parts[0].children() {
            let names = inner.compactMap(string)
            if names.count == inner.count { return .list(names) }
        }
        if parts.count > 1 {
            let names = parts.compactMap(string)
            if names.count == parts.count { return .list(names) }
        }
        return .raw(parts.flatMap(\.encoded))
    }

    /// The text of a string element, or `nil` for another tag or undecodable bytes.
    static func string(_ element: BERTLV) -> String? {
        let decoded: String?
        switch element.tag {
        case 0x0C, 0x13, 0x14, 0x16:
            decoded = String(validating: element.value, as: UTF8.self)
        case 0x1E:
            guard element.value.count % 2 == 0 else { return nil }
            let units = stride(from: 0, to: element.value.count, by: 2).map {
                UInt16(element.value[$0]) << 8 | UInt16(element.value[$0 + 1])
            }
            decoded = String(validating: units, as: UTF16.self)
        default:
            decoded = nil
        }
        return decoded?.precomposedStringWithCanonicalMapping
    }
}
