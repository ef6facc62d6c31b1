/// Writes claims XML as text: the standard's element names, values escaped, no XML library.
///
/// Text is escaped for `&`, `<`, `>`, `"` and `'`. Characters XML 1.0 forbids (control
/// characters other than tab, line feed and carriage return) cannot be written at all, so they
/// are dropped; ``ClaimValidator`` reports them first (`invalidCharacter`), so a validated
/// document loses nothing.
///
/// ```swift
/// print(ClaimXML.escape("A & B <1>"))   // "A &amp; B &lt;1&gt;"
/// ```
public enum ClaimXML {
    /// The XML declaration every claims file starts with.
    public static let declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

    /// Escapes text for an element's content.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { needsWork($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// True when XML 1.0 can carry the character.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// One document: the declaration, the root, and the rows.
    public static func document(_ document: ClaimDocument) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(2048 + document.rows.count * 1024)
        ClaimXMLBytes.append(document, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// True when a UTF-8 byte may need escaping or dropping: one of the five escaped characters,
    /// a control character other than tab, line feed and carriage return, or the lead byte of
    /// U+FFFE/U+FFFF.
    static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        case 0x9, 0xA, 0xD: return false
        default: return byte < 0x20 || byte == 0xEF  // 0xEF leads U+FFFE/U+FFFF
        }
    }
}
