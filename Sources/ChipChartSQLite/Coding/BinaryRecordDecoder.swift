import ChipChart
import Foundation

/// Reads what ``BinaryRecordEncoder`` wrote, in the same order.
///
/// Not API: other packages see it only through `@_spi(RecordFormat) import`, for the format benchmark.
@_spi(RecordFormat) public final class BinaryRecordDecoder {
    /// Bytes that end too early or hold an impossible value.
    struct Malformed: Error, CustomStringConvertible {
        var description: String { "a stored record's bytes are malformed" }
    }

    /// A decoder.
    public init() {}

    fileprivate var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    fileprivate var offset = 0

    /// The record in `bytes`; they need to stay valid only during the call.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        self.bytes = bytes
        offset = 0
        defer { self.bytes = UnsafeRawBufferPointer(start: nil, count: 0) }
        let value = try BinaryDecoding(self).decodeValue(type)
        guard offset == bytes.count else { throw Malformed() }
        return value
    }

    fileprivate func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, offset + count <= bytes.count else { throw Malformed() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    fileprivate func integer<T: FixedWidthInteger>(_ type: T.Type = T.self) throws -> T {
        var value = T.zero
        let source = try take(MemoryLayout<T>.size)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: source) }
        return T(littleEndian: value)
    }

    fileprivate func byte() throws -> UInt8 { try take(1)[0] }

    fileprivate func string() throws -> String {
        let count = Int(try integer(UInt32.self))
        return String(decoding: try take(count), as: UTF8.self)
    }

    fileprivate func narrow<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        if T.isSigned {
            guard let value = T(exactly: try integer(Int64.self)) else { throw Malformed() }
            return value
        }
        guard let value = T(exactly: try integer(UInt64.self)) else { throw Malformed() }
        return value
    }
}

private struct BinaryDecoding: Decoder {
    let source: BinaryRecordDecoder
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ source: BinaryRecordDecoder) { self.source = source }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedBinaryDecoding<Key>(decoding: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedBinaryDecoding(decoding: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleBinaryDecoding(decoding: self) }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == UUID.self {
            let raw = try source.take(16)
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: raw) }
            return try cast(UUID(uuid: value))
        }
        if T.self == String.self { return try cast(try source.string()) }
        // Stored names were normalised when first written; normalising again is most of a read.
        if T.self == PersonName.self { return try cast(PersonName(storedText: try source.string())) }
        if T.self == Int.self { return try cast(Int(try source.integer(Int64.self))) }
        if T.self == Double.self { return try cast(Double(bitPattern: try source.integer(UInt64.self))) }
        if T.self == Bool.self { return try cast(try source.byte() != 0) }
        return try T(from: self)
    }

    private func cast<T, Value>(_ value: Value) throws -> T {
        guard let value = value as? T else { throw BinaryRecordDecoder.Malformed() }
        return value
    }
}

private struct SingleBinaryDecoding: SingleValueDecodingContainer {
    let decoding: BinaryDecoding
    var codingPath: [any CodingKey] { [] }
    var source: BinaryRecordDecoder { decoding.source }

    func decodeNil() -> Bool { (try? source.byte()) == 0 }
    func decode(_ type: Bool.Type) throws -> Bool { try source.byte() != 0 }
    func decode(_ type: String.Type) throws -> String { try source.string() }
    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try source.integer(UInt64.self)) }
    func decode(_ type: Float.Type) throws -> Float { Float(Double(bitPattern: try source.integer(UInt64.self))) }
    func decode(_ type: Int.Type) throws -> Int { try source.narrow(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try source.narrow(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try source.narrow(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try source.narrow(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try source.integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try source.narrow(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try source.narrow(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try source.narrow(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try source.narrow(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try source.integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoding.decodeValue(type) }
}

private struct KeyedBinaryDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoding: BinaryDecoding
    var codingPath: [any CodingKey] { [] }
    var source: BinaryRecordDecoder { decoding.source }

    /// Only an enum with associated values asks: its case name is the next string, peeked.
    var allKeys: [Key] {
        let start = source.offset
        defer { source.offset = start }
        return (try? source.string()).flatMap { Key(stringValue: $0) }.map { [$0] } ?? []
    }

    /// Every key is "present": an optional's presence byte is read by ``decodeNil(forKey:)``.
    func contains(_ key: Key) -> Bool { true }

    /// Format 1 is no longer written: an optional field a record gained after it (at the end of
    /// the record's fields) is absent from a format-1 body, which ends before it.
    func decodeNil(forKey key: Key) throws -> Bool {
        guard source.offset < source.bytes.count else { return true }
        return try source.byte() == 0
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try source.byte() != 0 }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try source.string() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        Double(bitPattern: try source.integer(UInt64.self))
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(Double(bitPattern: try source.integer(UInt64.self)))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try source.narrow(Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try source.narrow(Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try source.narrow(Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try source.narrow(Int32.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try source.integer(Int64.self) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try source.narrow(UInt.self) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try source.narrow(UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try source.narrow(UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try source.narrow(UInt32.self) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try source.integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoding.decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        guard try source.string() == key.stringValue else { throw BinaryRecordDecoder.Malformed() }
        return try decoding.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoding.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoding }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoding }
}

private struct UnkeyedBinaryDecoding: UnkeyedDecodingContainer {
    let decoding: BinaryDecoding
    let count: Int?
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(decoding: BinaryDecoding) throws {
        self.decoding = decoding
        count = Int(try decoding.source.integer(UInt32.self))
    }

    private mutating func next() throws {
        guard !isAtEnd else { throw BinaryRecordDecoder.Malformed() }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw BinaryRecordDecoder.Malformed() }
        let start = decoding.source.offset
        if try decoding.source.byte() == 0 {
            currentIndex += 1
            return true
        }
        decoding.source.offset = start
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next()
        return try decoding.decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next()
        return try decoding.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next()
        return try decoding.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try next()
        return decoding
    }
}
