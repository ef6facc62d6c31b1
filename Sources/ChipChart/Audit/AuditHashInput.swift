import Foundation

/// The bytes an audit event's hash covers: each field as its UTF-8 byte count in decimal, a
/// colon, then its UTF-8 bytes. Numbers are their decimal text, identifiers their lowercase UUID
/// text, an absent value the empty text.
///
/// Built straight into one buffer, without the intermediate strings of each number and UUID:
/// every commit seals an event per record, so a bulk load seals millions.
struct AuditHashInput {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []

    /// An empty input.
    init() { bytes.reserveCapacity(512) }

    /// A text field.
    mutating func field(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            appendDecimal(Int64(utf8.count))
            bytes.append(0x3A)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A number's decimal text, as `String(number)` writes it.
    mutating func field(_ number: Int64) {
        var digits = 0
        var rest = number.magnitude
        repeat {
            digits += 1
            rest /= 10
        } while rest > 0
        appendDecimal(Int64(digits + (number < 0 ? 1 : 0)))
        bytes.append(0x3A)
        appendDecimal(number)
    }

    /// A UUID's lowercase text (`8-4-4-4-12` hexadecimal digits), or the empty text.
    mutating func field(_ uuid: UUID?) {
        guard let uuid else {
            field("")
            return
        }
        bytes.append(contentsOf: [0x33, 0x36, 0x3A])  // "36:"
        uuid.withText(uppercase: false) { bytes.append(contentsOf: $0) }
    }

    private mutating func appendDecimal(_ number: Int64) {
        if number < 0 { bytes.append(0x2D) }
        var rest = number.magnitude
        let start = bytes.count
        repeat {
            bytes.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }
}
