public import ChipChart
import Foundation

/// Writes records in the keyed format of ``RecordFormat`` (version 2).
///
/// One encoder is reused for every record of a connection: its buffer keeps its capacity.
/// Objects and arrays are written with a placeholder for their byte length, set when the container
/// is closed — when its parent writes its next entry, or at the end — so nothing is written twice.
///
/// Not API: other packages see it only through `@_spi(RecordFormat) import`, for the format benchmark.
@_spi(RecordFormat) public final class KeyedRecordEncoder {
    /// The body so far. An encoder is one thread's and its accesses never overlap, so they go
    /// unchecked (every byte appended would otherwise be an exclusivity check).
    @exclusivity(unchecked) fileprivate var bytes: [UInt8] = []
    /// Where the byte lengths of the containers still open sit, outermost first.
    @exclusivity(unchecked) private var open: [Int] = []

    /// An encoder.
    public init() {}

    /// The body of a record: the header, then the record; the record's ``UnknownFields`` are
    /// written back after its known fields.
    public func encode<Record: EvolvableRecord>(_ record: Record) throws -> [UInt8] {
        try encode(record) { try KeyedEncoding($0).encodeValue(record) }
    }

    /// The body of a record whose own fields `writeFields` writes as an object it leaves open
    /// (``beginContainer(_:)``); the record's ``UnknownFields`` follow them.
    func encode<Record: EvolvableRecord>(
        _ record: Record,
        writingFields writeFields: (KeyedRecordEncoder) throws -> Void
    ) throws -> [UInt8] {
        bytes.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: RecordFormat.header)
        let start = bytes.count
        try writeFields(self)
        if !record.unknownFields.isEmpty {
            guard bytes.count > start, bytes[start] == RecordFormat.Tag.object.rawValue else {
                throw EncodingError.invalidValue(
                    record,
                    EncodingError.Context(codingPath: [], debugDescription: "a record is not an object")
                )
            }
            for field in record.unknownFields.fields {
                willWrite(into: start + 1)
                appendKey(field.key)
                appendKept(field.value)
            }
        }
        closeAll()
        return bytes
    }

    /// The body of any value, with the header (for tests and nested kinds).
    func encodeValue(_ value: some Encodable) throws -> [UInt8] {
        bytes.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: RecordFormat.header)
        try KeyedEncoding(self).encodeValue(value)
        closeAll()
        return bytes
    }

    /// Any value through its `Encodable` conformance, for the values a record's own writer
    /// leaves to the generic coder; the containers it opens are closed before it returns.
    func appendEncodable(_ value: some Encodable) throws {
        let mark = open.count
        try KeyedEncoding(self).encodeValue(value)
        while open.count > mark, let last = open.popLast() { close(last) }
    }

    // MARK: - Primitives

    func append(_ tag: RecordFormat.Tag) { bytes.append(tag.rawValue) }

    func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    func appendSigned(_ value: Int64) {
        append(.signed)
        appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    func appendUnsigned(_ value: UInt64) {
        append(.unsigned)
        appendVarint(value)
    }

    func appendDouble(_ value: Double) {
        append(.double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func appendBool(_ value: Bool) { append(value ? .trueValue : .falseValue) }

    func appendString(_ text: String) {
        append(.string)
        appendText(text)
    }

    func appendKey(_ key: String) { appendText(key) }

    /// Raw bytes, as they are (the content of a string whose tag and length are written).
    func appendBytes(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    private func appendText(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func appendUUID(_ uuid: UUID) {
        append(.uuid)
        withUnsafeBytes(of: uuid.uuid) { bytes.append(contentsOf: $0) }
    }

    /// Starts an object or array: its tag, then a placeholder for its byte length. Returns where
    /// the byte length sits.
    func beginContainer(_ tag: RecordFormat.Tag) -> Int {
        append(tag)
        let lengthOffset = bytes.count
        bytes.append(0)
        bytes.append(0)
        bytes.append(0)
        bytes.append(0)
        open.append(lengthOffset)
        return lengthOffset
    }

    /// Before an entry of the container at `lengthOffset` is written: every container opened
    /// inside it since is complete, and is closed.
    func willWrite(into lengthOffset: Int) {
        while let last = open.last, last != lengthOffset {
            close(last)
            open.removeLast()
        }
    }

    /// Ends the container at `lengthOffset` and every container opened inside it.
    func endContainer(_ lengthOffset: Int) {
        willWrite(into: lengthOffset)
        close(lengthOffset)
        open.removeLast()
    }

    private func closeAll() {
        while let last = open.popLast() { close(last) }
    }

    /// Sets a container's byte length: it ends where the buffer ends now.
    private func close(_ lengthOffset: Int) {
        writeUInt32(UInt32(truncatingIfNeeded: bytes.count - lengthOffset - 4), at: lengthOffset)
    }

    private func writeUInt32(_ value: UInt32, at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: value)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[offset + 2] = UInt8(truncatingIfNeeded: value >> 16)
        bytes[offset + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }

    /// A kept value of an unknown field, as it was read.
    func appendKept(_ value: UnknownFields.Value) {
        switch value {
        case .null: append(.null)
        case .bool(let flag): appendBool(flag)
        case .signed(let number): appendSigned(number)
        case .unsigned(let number): appendUnsigned(number)
        case .double(let number): appendDouble(number)
        case .string(let text): appendString(text)
        case .uuid(let uuid): appendUUID(uuid)
        case .object(let fields):
            let offset = beginContainer(.object)
            for field in fields {
                willWrite(into: offset)
                appendKey(field.key)
                appendKept(field.value)
            }
        case .array(let values):
            let offset = beginContainer(.array)
            for element in values {
                willWrite(into: offset)
                appendKept(element)
            }
        }
    }
}

/// The `Encoder` handed to each value; every container writes to the same buffer.
private struct KeyedEncoding: Encoder {
    /// Not retained: the encoder runs ``KeyedRecordEncoder/encode(_:)`` while its containers
    /// exist, and an `Encoder` is used only during the `encode(to:)` it is handed to. Copying a
    /// container then costs no reference counting.
    unowned(unsafe) let sink: KeyedRecordEncoder
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ sink: KeyedRecordEncoder) { self.sink = sink }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedObjectEncoding<Key>(encoding: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { ArrayEncoding(encoding: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueEncoding(encoding: self) }

    /// Writes a value, the common types directly: the type is compared first, which costs
    /// nothing, and a value is cast only to the type it has.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == String.self, let text = value as? String {
            sink.appendString(text)
        } else if T.self == UUID.self, let uuid = value as? UUID {
            sink.appendUUID(uuid)
        } else if T.self == Int.self, let number = value as? Int {
            sink.appendSigned(Int64(number))
        } else if T.self == Double.self, let number = value as? Double {
            sink.appendDouble(number)
        } else if T.self == Bool.self, let flag = value as? Bool {
            sink.appendBool(flag)
        } else {
            try value.encode(to: self)
        }
    }
}

private struct SingleValueEncoding: WideningSingleValueEncoding {
    let encoding: KeyedEncoding
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoding.sink.append(.null) }
    mutating func encode(_ value: Bool) throws { encoding.sink.appendBool(value) }
    mutating func encode(_ value: String) throws { encoding.sink.appendString(value) }
    mutating func encode(_ value: Double) throws { encoding.sink.appendDouble(value) }
    mutating func encodeSigned(_ value: Int64) throws { encoding.sink.appendSigned(value) }
    mutating func encodeUnsigned(_ value: UInt64) throws { encoding.sink.appendUnsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoding.encodeValue(value) }
}

/// An object: each key is written before its value; an absent optional is left out.
private struct KeyedObjectEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoding: KeyedEncoding
    /// Where this object's byte length sits.
    private let lengthOffset: Int
    var codingPath: [any CodingKey] { [] }

    init(encoding: KeyedEncoding) {
        self.encoding = encoding
        lengthOffset = encoding.sink.beginContainer(.object)
    }

    /// Starts an entry: closes what the previous entry opened, then writes the key. Returns the
    /// encoder the entry's value is written to.
    @discardableResult
    private func key(_ key: Key) -> KeyedRecordEncoder {
        encoding.sink.willWrite(into: lengthOffset)
        encoding.sink.appendKey(key.stringValue)
        return encoding.sink
    }

    mutating func encodeNil(forKey key: Key) throws { self.key(key).append(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key).appendBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key).appendString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { self.key(key).appendDouble(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key).appendSigned(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key).appendSigned(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key).appendUnsigned(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Double(value), forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Int64(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Int64(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Int64(value), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try write(value, key) }

    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try write(value, key) }
    }

    private func write<T: Encodable>(_ value: T, _ key: Key) throws {
        self.key(key)
        try encoding.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoding }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.key(key)
        return encoding
    }
}

/// An array: each element is counted as it is written.
private struct ArrayEncoding: UnkeyedEncodingContainer {
    let encoding: KeyedEncoding
    private let lengthOffset: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(encoding: KeyedEncoding) {
        self.encoding = encoding
        lengthOffset = encoding.sink.beginContainer(.array)
    }

    mutating func encodeNil() throws {
        encoding.sink.willWrite(into: lengthOffset)
        encoding.sink.append(.null)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoding.sink.willWrite(into: lengthOffset)
        try encoding.encodeValue(value)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        encoding.sink.willWrite(into: lengthOffset)
        count += 1
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoding.sink.willWrite(into: lengthOffset)
        count += 1
        return encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoding.sink.willWrite(into: lengthOffset)
        count += 1
        return encoding
    }
}
