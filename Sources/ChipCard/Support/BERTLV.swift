/// One BER-TLV element: a tag, and the value bytes its length covers.
///
/// The parser is bounded: it never reads past the bytes it was given, never trusts a length before
/// checking it against what is left, rejects the indefinite form and lengths over 3 bytes, and
/// decodes nested elements only when asked (``children()``), so hostile input cannot make it
/// allocate more than its own size or recurse without end.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let element = try BERTLV(parsing: dg1)     // 61 …
/// let mrz = try element.child(tag: 0x5F1F)    // the MRZ text
/// ```
package struct BERTLV: Hashable, Sendable {
    /// The tag bytes as one number (`0x61`, `0x5F1F`).
    package var tag: UInt32
    /// The value bytes.
    package var value: [UInt8]

    /// Creates an element.
    package init(tag: UInt32, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// Parses exactly one element that spans all of `bytes`.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for a bad tag or length, a length past the end,
    ///   or bytes left over.
    package init(parsing bytes: [UInt8]) throws(ChipCardError) {
        var reader = BERReader(bytes)
        self = try reader.next()
        guard reader.isAtEnd else {
            throw ChipCardError(.malformedData, "\(reader.remaining) bytes follow the BER-TLV element")
        }
    }

    /// True when the tag's constructed bit is set (the value is itself BER-TLV).
    package var isConstructed: Bool {
        var first = tag
        while first > 0xFF { first >>= 8 }
        return first & 0x20 != 0
    }

    /// The elements inside this one's value.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` when the value is not a sequence of elements.
    package func children() throws(ChipCardError) -> [BERTLV] {
        try BERTLV.sequence(parsing: value)
    }

    /// The first child with a tag, or an error naming the missing tag.
    ///
    /// - Throws: ``ChipCardError`` `malformedData`.
    package func child(tag wanted: UInt32) throws(ChipCardError) -> BERTLV {
        for element in try children() where element.tag == wanted {
            return element
        }
        throw ChipCardError(.malformedData, "no element with tag \(String(wanted, radix: 16, uppercase: true))")
    }

    /// This element encoded: tag, definite length, value.
    package var encoded: [UInt8] { BERTLV.encode(tag: tag, value: value) }

    /// Parses consecutive elements that fill `bytes` exactly.
    ///
    /// - Throws: ``ChipCardError`` `malformedData`.
    package static func sequence(parsing bytes: [UInt8]) throws(ChipCardError) -> [BERTLV] {
        var reader = BERReader(bytes)
        var elements: [BERTLV] = []
        while !reader.isAtEnd {
            elements.append(try reader.next())
        }
        return elements
    }

    /// The tag and the total encoded size (header + value) from the first bytes of an element,
    /// without needing the value: how a chip file's length is learned from its first 4 bytes.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` when the header itself is invalid or cut short.
    package static func header(
        of bytes: [UInt8]
    ) throws(ChipCardError) -> (tag: UInt32, headerLength: Int, valueLength: Int) {
        var reader = BERReader(bytes)
        let tag = try reader.readTag()
        let length = try reader.readLength()
        return (tag, reader.position, length)
    }

    /// Encodes a tag, a definite length and a value.
    package static func encode(tag: UInt32, value: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.count + 8)
        var tagBytes: [UInt8] = []
        var remainingTag = tag
        repeat {
            tagBytes.insert(UInt8(remainingTag & 0xFF), at: 0)
            remainingTag >>= 8
        } while remainingTag != 0
        bytes += tagBytes
        bytes += encodeLength(value.count)
        bytes += value
        return bytes
    }

    /// The definite length octets for a count (short form below 128, else `81`–`84` forms).
    package static func encodeLength(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var octets: [UInt8] = []
        var remaining = count
        while remaining > 0 {
            octets.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [0x80 | UInt8(octets.count)] + octets
    }
}

/// A cursor over BER-TLV bytes that checks every length before using it.
struct BERReader {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
    }

    var isAtEnd: Bool { position >= bytes.count }
    var remaining: Int { bytes.count - position }

    mutating func next() throws(ChipCardError) -> BERTLV {
        let tag = try readTag()
        let length = try readLength()
        guard length <= remaining else {
            throw ChipCardError(.malformedData, "a length of \(length) runs past the end (\(remaining) bytes left)")
        }
        let value = Array(bytes[position..<(position + length)])
        position += length
        return BERTLV(tag: tag, value: value)
    }

    mutating func readTag() throws(ChipCardError) -> UInt32 {
        let first = try readByte(what: "tag")
        var tag = UInt32(first)
        guard first & 0x1F == 0x1F else { return tag }
        for index in 0..<3 {
            let byte = try readByte(what: "tag")
            if index == 0, byte == 0x80 {
                throw ChipCardError(.malformedData, "a multi-byte tag has a leading zero")
            }
            tag = tag << 8 | UInt32(byte)
            if byte & 0x80 == 0 { return tag }
        }
        throw ChipCardError(.malformedData, "a tag longer than 4 bytes")
    }

    mutating func readLength() throws(ChipCardError) -> Int {
        let first = try readByte(what: "length")
        if first < 0x80 { return Int(first) }
        let count = Int(first & 0x7F)
        guard count != 0 else {
            throw ChipCardError(.malformedData, "the indefinite length form is not accepted")
        }
        guard count <= 3 else {
            throw ChipCardError(.malformedData, "a length of \(count) octets is too long")
        }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(try readByte(what: "length"))
        }
        return length
    }

    private mutating func readByte(what: String) throws(ChipCardError) -> UInt8 {
        guard position < bytes.count else {
            throw ChipCardError(.malformedData, "the bytes end inside a \(what)")
        }
        defer { position += 1 }
        return bytes[position]
    }
}
