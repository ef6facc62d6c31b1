import Foundation

/// Reads the JSON of one archive line as ``JSONLineWriter`` writes it — no whitespace, strings
/// without escapes, numbers without exponents — and gives up (`nil`, `false`) on anything else,
/// so that the line goes to `JSONDecoder`, which decides. Every value it reads is the value
/// `JSONDecoder` reads from the same bytes.
struct JSONLineScanner {
    let bytes: UnsafeRawBufferPointer
    /// Where the next value starts.
    var position = 0
    /// Values read before, by their bytes, when the caller keeps them.
    let memo: RecordLineMemo?

    init(_ bytes: UnsafeRawBufferPointer, memo: RecordLineMemo? = nil) {
        self.bytes = bytes
        self.memo = memo
    }

    /// True once every byte has been read.
    var atEnd: Bool { position == bytes.count }

    /// Reads a member's value with `read` into `slot`, an empty slot; true when it was read. A
    /// member reader returns it, so that a member given twice, or whose value cannot be read, is
    /// not taken (and the line goes to `JSONDecoder`).
    mutating func fill<Value>(_ slot: inout Value?, _ read: (inout JSONLineScanner) -> Value?) -> Bool {
        guard slot == nil, let value = read(&self) else { return false }
        slot = value
        return true
    }

    /// Reads an object's members, each by `member` (false for a key it does not take); true when
    /// every member was taken and the object ended. A member whose value cannot be read leaves
    /// the scanner where it stopped, and the line then fails to end where it should.
    mutating func members(_ member: (inout JSONLineScanner, String) -> Bool) -> Bool {
        guard skip("{") else { return false }
        if skip("}") { return true }
        repeat {
            guard let key = string(), skip(":"), member(&self, key) else { return false }
        } while skip(",")
        return skip("}")
    }

    /// The elements of an array, each read by `element`; `nil` when one cannot be read.
    mutating func array<Element>(_ element: (inout JSONLineScanner) -> Element?) -> [Element]? {
        guard skip("[") else { return nil }
        var elements: [Element] = []
        if skip("]") { return elements }
        repeat {
            guard let next = element(&self) else { return nil }
            elements.append(next)
        } while skip(",")
        return skip("]") ? elements : nil
    }

    /// Moves past `text` when the line continues with it.
    mutating func skip(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for index in 0..<count where bytes[position + index] != text.utf8Start[index] { return false }
        position += count
        return true
    }

    /// A string without escapes or control characters, valid UTF-8.
    mutating func string() -> String? {
        guard let raw = stringBytes() else { return nil }
        // Decoding repairs what is not UTF-8: only valid bytes come back unchanged. (Cheaper
        // than `String(validating:as:)`, which is generic over the encoding at run time.)
        var text = String(decoding: raw, as: UTF8.self)
        // Compared as memory: the generic comparison of the views walks them byte by byte.
        let unchanged = text.withUTF8 { decoded in
            guard decoded.count == raw.count, let start = decoded.baseAddress, let rawStart = raw.baseAddress else {
                return decoded.count == raw.count
            }
            return memcmp(start, rawStart, raw.count) == 0
        }
        return unchanged ? text : nil
    }

    /// The bytes between a string's quotes, when it has no escape or control character.
    private mutating func stringBytes() -> UnsafeRawBufferPointer? {
        guard skip("\"") else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return UnsafeRawBufferPointer(rebasing: bytes[start..<(position - 1)])
            }
            guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        return nil
    }

    /// `true` or `false`.
    mutating func bool() -> Bool? {
        if skip("true") { return true }
        return skip("false") ? false : nil
    }

    /// A UUID as `UUID` writes it: 36 characters, uppercase hexadecimal digits and four hyphens
    /// (any other spelling goes to `JSONDecoder`).
    mutating func uuid() -> UUID? {
        guard let text = stringBytes(), text.count == 36 else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let complete = withUnsafeMutableBytes(of: &uuid) { raw in
            var index = 0
            for (offset, byte) in text.enumerated() {
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard byte == UInt8(ascii: "-") else { return false }
                    continue
                }
                let nibble: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
                case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
                default: return false
                }
                raw[index / 2] = raw[index / 2] << 4 | nibble
                index += 1
            }
            return true
        }
        return complete ? UUID(uuid: uuid) : nil
    }

    /// The bytes of a number: a minus, digits, a fraction; no exponent.
    mutating func numberText(fraction: Bool) -> Substring? {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digits = position
        while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
        guard position > digits, bytes[digits] != 48 || position == digits + 1 else { return nil }
        if fraction, position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let decimals = position
            while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
            guard position > decimals else { return nil }
        }
        return Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }

    /// A number with or without a fraction.
    mutating func number() -> Double? { numberText(fraction: true).flatMap { Double($0) } }

    /// A whole number.
    mutating func integer() -> Int64? { numberText(fraction: false).flatMap { Int64($0) } }

    /// An instant as seconds since 1970, as the archive's decoder reads it.
    mutating func instant() -> Date? { number().map { Date(timeIntervalSince1970: $0) } }
}
