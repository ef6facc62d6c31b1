import Foundation

/// The `Decoder` of the value at one offset of a body.
struct ValueDecoding: Decoder {
    let reader: BodyReader
    let offset: Int
    /// Old field names → new ones, for the record's own fields (the top-level object).
    let renames: [String: String]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try ObjectDecoding<Key>(reader: reader, offset: offset, renames: renames))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try ArrayDecoding(reader: reader, offset: offset)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// The value as `T`, with the common types read directly.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self, let value = try string() as? T { return value }
        if T.self == UUID.self, let value = try uuid() as? T { return value }
        if T.self == Int.self, let value = try narrow(Int.self) as? T { return value }
        if T.self == Double.self, let value = try double() as? T { return value }
        if T.self == Bool.self, let value = try bool() as? T { return value }
        return try T(from: ValueDecoding(reader: reader, offset: offset, renames: [:]))
    }

    func string() throws -> String {
        guard try reader.tag(at: offset) == .string else { throw mismatch(String.self) }
        return String(decoding: try reader.text(at: offset + 1).bytes, as: UTF8.self)
    }

    func uuid() throws -> UUID {
        guard try reader.tag(at: offset) == .uuid else { throw mismatch(UUID.self) }
        return try reader.uuid(at: offset)
    }

    func double() throws -> Double {
        switch try reader.tag(at: offset) {
        case .double: return try reader.double(at: offset)
        case .signed: return Double(BodyReader.unzigzag(try reader.varint(at: offset + 1).value))
        case .unsigned: return Double(try reader.varint(at: offset + 1).value)
        default: throw mismatch(Double.self)
        }
    }

    func bool() throws -> Bool {
        switch try reader.tag(at: offset) {
        case .trueValue: return true
        case .falseValue: return false
        default: throw mismatch(Bool.self)
        }
    }

    func narrow<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let converted: T?
        switch try reader.tag(at: offset) {
        case .signed: converted = T(exactly: BodyReader.unzigzag(try reader.varint(at: offset + 1).value))
        case .unsigned: converted = T(exactly: try reader.varint(at: offset + 1).value)
        default: throw mismatch(T.self)
        }
        guard let converted else { throw RecordFormat.Malformed("a stored number does not fit \(T.self)") }
        return converted
    }

    func mismatch(_ type: Any.Type) -> RecordFormat.Malformed {
        RecordFormat.Malformed("a stored record holds another kind of value where \(type) belongs")
    }
}

extension ValueDecoding: SingleValueDecodingContainer {
    func decodeNil() -> Bool { (try? reader.tag(at: offset)) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try bool() }
    func decode(_ type: String.Type) throws -> String { try string() }
    func decode(_ type: Double.Type) throws -> Double { try double() }
    func decode(_ type: Float.Type) throws -> Float { Float(try double()) }
    func decode(_ type: Int.Type) throws -> Int { try narrow(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try narrow(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try narrow(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try narrow(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try narrow(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try narrow(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow(type) }
}

/// Where an object's next entry is expected, and its index once the order has differed.
private final class ObjectCursor {
    var next: Int
    var index: [String: Int]?

    init(next: Int) { self.next = next }
}

/// An object: each field by name.
private struct ObjectDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: BodyReader
    let entries: Int
    let end: Int
    let count: Int
    let renames: [String: String]
    private let cursor: ObjectCursor
    var codingPath: [any CodingKey] { [] }

    init(reader: BodyReader, offset: Int, renames: [String: String]) throws {
        self.reader = reader
        (entries, end, count) = try reader.object(at: offset)
        self.renames = renames
        cursor = ObjectCursor(next: entries)
    }

    var allKeys: [Key] {
        (try? names().compactMap { Key(stringValue: $0) }) ?? []
    }

    /// Every field's name, renamed where a rename is declared.
    private func names() throws -> [String] {
        var names: [String] = []
        var position = entries
        while position < end {
            let (key, valueOffset) = try reader.text(at: position)
            let name = String(decoding: key, as: UTF8.self)
            names.append(renames[name] ?? name)
            position = try reader.end(of: valueOffset)
        }
        return names
    }

    /// Where the value of `key` starts, or `nil` when the object has no such field. The next
    /// field in stored order is tried first; `advance` moves past it when it matches.
    private func find(_ key: Key, advance: Bool = true) throws -> Int? {
        var name = key.stringValue
        if cursor.index == nil, cursor.next < end {
            let (stored, valueOffset) = try reader.text(at: cursor.next)
            let same = name.withUTF8 { wanted in
                guard wanted.count == stored.count else { return false }
                for position in 0..<wanted.count where wanted[position] != stored[position] { return false }
                return true
            }
            if same {
                if advance { cursor.next = try reader.end(of: valueOffset) }
                return valueOffset
            }
        }
        if cursor.index == nil {
            var index: [String: Int] = [:]
            var position = entries
            while position < end {
                let (stored, valueOffset) = try reader.text(at: position)
                let storedName = String(decoding: stored, as: UTF8.self)
                index[renames[storedName] ?? storedName] = valueOffset
                position = try reader.end(of: valueOffset)
            }
            cursor.index = index
        }
        return cursor.index?[name]
    }

    private func value(_ key: Key) throws -> ValueDecoding {
        guard let offset = try find(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: [],
                    debugDescription: "a stored record has no field \(key.stringValue)"
                )
            )
        }
        return ValueDecoding(reader: reader, offset: offset, renames: [:])
    }

    func contains(_ key: Key) -> Bool {
        (try? find(key, advance: false)) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let offset = try find(key) else { return true }
        return try reader.tag(at: offset) == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(key).decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let offset = try find(key), try reader.tag(at: offset) != .null else { return nil }
        return try ValueDecoding(reader: reader, offset: offset, renames: [:]).decode(type)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let offset = try find(key), try reader.tag(at: offset) != .null else { return nil }
        return try ValueDecoding(reader: reader, offset: offset, renames: [:]).string()
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try value(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try value(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoding(reader: reader, offset: entries - 9, renames: [:])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try value(key) }
}

/// An array: its elements in order.
private struct ArrayDecoding: UnkeyedDecodingContainer {
    let reader: BodyReader
    private let end: Int
    private var position: Int
    let count: Int?
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }

    init(reader: BodyReader, offset: Int) throws {
        guard try reader.tag(at: offset) == .array else {
            throw RecordFormat.Malformed("a stored record holds another kind of value where an array belongs")
        }
        self.reader = reader
        end = try reader.end(of: offset)
        position = offset + 9
        count = try reader.uint32(at: offset + 5)
    }

    var isAtEnd: Bool { position >= end || currentIndex >= (count ?? 0) }

    private mutating func nextValue() throws -> ValueDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(codingPath: [], debugDescription: "a stored array has no more elements")
            )
        }
        let value = ValueDecoding(reader: reader, offset: position, renames: [:])
        position = try reader.end(of: position)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try reader.tag(at: position) == .null else { return false }
        _ = try nextValue()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try nextValue().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try nextValue().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextValue().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try nextValue() }
}
