/// Hexadecimal text for bytes, and bytes from hexadecimal text (test vectors, logs of APDUs).
package enum Hex {
    private static let digits = Array("0123456789ABCDEF".utf8)

    /// Uppercase hexadecimal text of bytes, without separators.
    package static func string(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Four uppercase hexadecimal digits of a status word.
    package static func string(_ word: UInt16) -> String {
        string([UInt8(word >> 8), UInt8(word & 0xFF)])
    }

    /// Bytes from hexadecimal text; spaces are ignored. `nil` for an odd count or a non-hex character.
    package static func bytes(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        var high: UInt8?
        for character in text.utf8 where character != 0x20 {
            let value: UInt8
            switch character {
            case 0x30...0x39: value = character - 0x30
            case 0x41...0x46: value = character - 0x41 + 10
            case 0x61...0x66: value = character - 0x61 + 10
            default: return nil
            }
            if let pending = high {
                result.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return high == nil ? result : nil
    }
}
