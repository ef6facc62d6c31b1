import Foundation

/// A compact, positional binary form of `Codable` records, several times faster than JSON.
///
/// Values are written in the order their `encode(to:)` writes them and read back in the same
/// order, so keys are not stored: integers and floating-point numbers as 8 little-endian bytes,
/// strings as a 4-byte length and UTF-8, UUIDs as 16 bytes, an optional as a presence byte. The
/// one key that is written is the case name of an enum with associated values (a nested keyed
/// container), which its decoder asks for through `allKeys`. Array lengths are back-patched.
///
/// The form is internal to the store's `body` columns; the schema's migrations own any change.
///
/// Not API: other packages see it only through `@_spi(RecordFormat) import`, for the format benchmark.
@_spi(RecordFormat) public final class BinaryRecordEncoder {
    fileprivate var bytes: [UInt8] = []

    /// An encoder.
    public init() {}

    /// The record's bytes.
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        bytes.removeAll(keepingCapacity: true)
        try BinaryEncoding(self).encodeValue(value)
        return bytes
    }

    fileprivate func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    fileprivate func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            append(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}

/// The `Encoder` handed to each value; every container writes to the same byte buffer.
private struct BinaryEncoding: Encoder {
    let sink: BinaryRecordEncoder
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ sink: BinaryRecordEncoder) { self.sink = sink }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedBinaryEncoding<Key>(encoding: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedBinaryEncoding(encoding: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleBinaryEncoding(encoding: self) }

    func encodeValue<T: Encodable>(_ value: T) throws {
        switch value {
        case let uuid as UUID: withUnsafeBytes(of: uuid.uuid) { sink.bytes.append(contentsOf: $0) }
        case let text as String: sink.append(text)
        case let number as Int: sink.append(Int64(number))
        case let number as Double: sink.append(number.bitPattern)
        case let flag as Bool: sink.bytes.append(flag ? 1 : 0)
        default: try value.encode(to: self)
        }
    }
}

private struct SingleBinaryEncoding: WideningSingleValueEncoding {
    let encoding: BinaryEncoding
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoding.sink.bytes.append(0) }
    mutating func encode(_ value: Bool) throws { encoding.sink.bytes.append(value ? 1 : 0) }
    mutating func encode(_ value: String) throws { encoding.sink.append(value) }
    mutating func encode(_ value: Double) throws { encoding.sink.append(value.bitPattern) }
    mutating func encodeSigned(_ value: Int64) throws { encoding.sink.append(value) }
    mutating func encodeUnsigned(_ value: UInt64) throws { encoding.sink.append(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoding.encodeValue(value) }
}

private struct KeyedBinaryEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoding: BinaryEncoding
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { encoding.sink.bytes.append(0) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoding.sink.bytes.append(value ? 1 : 0) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoding.sink.append(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { encoding.sink.append(value.bitPattern) }
    mutating func encode(_ value: Float, forKey key: Key) throws { encoding.sink.append(Double(value).bitPattern) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoding.sink.append(Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { encoding.sink.append(Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { encoding.sink.append(Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { encoding.sink.append(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoding.sink.append(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { encoding.sink.append(UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { encoding.sink.append(UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { encoding.sink.append(UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { encoding.sink.append(UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { encoding.sink.append(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoding.encodeValue(value) }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }

    /// A string written directly, without the generic value's type checks.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value = presence(of: value) { encoding.sink.append(value) }
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value) }

    /// An optional: a presence byte, then the value when there is one.
    private mutating func present<T: Encodable>(_ value: T?) throws {
        if let value = presence(of: value) { try encoding.encodeValue(value) }
    }

    /// Writes an optional's presence byte and returns the value, if there is one, to write next.
    private func presence<T>(of value: T?) -> T? {
        encoding.sink.bytes.append(value == nil ? 0 : 1)
        return value
    }

    /// The one place a key is written: an enum's case name, which its decoder reads as `allKeys`.
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoding.sink.append(key.stringValue)
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoding }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoding }
}

private struct UnkeyedBinaryEncoding: UnkeyedEncodingContainer {
    let encoding: BinaryEncoding
    /// Where the element count sits, patched after each element.
    private let countOffset: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(encoding: BinaryEncoding) {
        self.encoding = encoding
        countOffset = encoding.sink.bytes.count
        encoding.sink.append(UInt32(0))
    }

    private mutating func counted() {
        count += 1
        withUnsafeBytes(of: UInt32(count).littleEndian) { patch in
            encoding.sink.bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { UnsafeMutableRawBufferPointer(start: $0 + countOffset, count: 4) }?
                    .copyMemory(from: patch)
            }
        }
    }

    mutating func encodeNil() throws {
        encoding.sink.bytes.append(0)
        counted()
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoding.encodeValue(value)
        counted()
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<
        NestedKey
    > {
        counted()
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        counted()
        return encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        counted()
        return encoding
    }
}
