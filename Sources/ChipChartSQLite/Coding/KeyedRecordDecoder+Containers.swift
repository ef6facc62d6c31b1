import ChipChart
import Foundation

/// Where each open object expects its next field, by nesting depth, shared by the whole
/// record: decoding is nested, so an object's slot is free again once a sibling is met.
final class DecodingState {
    /// The offset of the next stored field of the object open at each depth. Decoding is one
    /// thread's and never overlaps an access of its own, so the accesses go unchecked.
    @exclusivity(unchecked) var cursors: [Int] = []
    /// Old field names → new ones, for the record's own fields (the top-level object): kept here,
    /// not in each value's decoder, so copying a decoder costs one reference.
    let renames: [String: String]

    init(renames: [String: String] = [:]) { self.renames = renames }

    func slot(_ depth: Int) {
        while cursors.count <= depth { cursors.append(0) }
    }
}

/// The `Decoder` of the value at one offset of a body.
struct ValueDecoding: Decoder {
    let reader: BodyReader
    let offset: Int
    /// Not retained: ``KeyedRecordDecoder/decode(_:from:renames:)`` keeps the state alive for the
    /// whole decoding, which is the only time a decoder may be used (as the body's bytes, which
    /// are valid only then). Copying a decoder then costs no reference counting.
    unowned(unsafe) let state: DecodingState
    /// How deep the value sits: 0 for the record itself.
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try ObjectDecoding<Key>(self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try ArrayDecoding(self)
    }

    /// The decoder of a value inside this one.
    func child(at offset: Int) -> ValueDecoding {
        ValueDecoding(reader: reader, offset: offset, state: state, depth: depth + 1)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// The value as `T`, with the common types read directly.
    ///
    /// The type is compared first and the value handed over as the type it already is: no
    /// dynamic cast.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return unsafeBitCast(try string(), to: T.self) }
        if T.self == UUID.self { return unsafeBitCast(try uuid(), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try narrow(Int.self), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try double(), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try bool(), to: T.self) }
        // Stored names were normalised when first written; normalising again is most of a read.
        if T.self == PersonName.self { return unsafeBitCast(PersonName(storedText: try string()), to: T.self) }
        return try T(from: self)
    }

    func string() throws -> String { try reader.string(at: offset) }
    func uuid() throws -> UUID { try reader.uuidValue(at: offset) }
    func double() throws -> Double { try reader.number(at: offset) }
    func bool() throws -> Bool { try reader.flag(at: offset) }
    func narrow<T: FixedWidthInteger>(_ type: T.Type) throws -> T { try reader.integer(type, at: offset) }
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

/// The fields of one stored object, found by name: not generic, so finding a field instantiates
/// no type at run time.
struct ObjectFields {
    let decoding: ValueDecoding
    let entries: Int
    let end: Int

    init(_ decoding: ValueDecoding) throws {
        self.decoding = decoding
        (entries, end) = try decoding.reader.object(at: decoding.offset)
        decoding.state.slot(decoding.depth)
        decoding.state.cursors[decoding.depth] = entries
    }

    private var reader: BodyReader { decoding.reader }

    /// Old names → new ones, for the record's own fields only.
    private var renames: [String: String] { decoding.depth == 0 ? decoding.state.renames : [:] }

    /// Every field's name, renamed where a rename is declared.
    func names() throws -> [String] {
        var names: [String] = []
        var position = entries
        let renames = self.renames
        while position < end {
            let (key, valueOffset) = try reader.text(at: position)
            let name = String(decoding: key, as: UTF8.self)
            names.append(renames[name] ?? name)
            position = try reader.end(of: valueOffset)
        }
        return names
    }

    /// Where the value of the field `name` starts, or `nil` when the object has no such field.
    ///
    /// The next field in stored order is tried first (`advance` moves past it when it matches):
    /// a record read by the version that wrote it costs one comparison of names per field. A
    /// field that is absent (a `nil` optional) or stored in another order is looked for among all
    /// the object's fields, comparing bytes, without moving the cursor.
    func find(_ name: String, advance: Bool = true) throws -> Int? {
        let state = decoding.state
        let depth = decoding.depth
        let next = state.cursors[depth]
        if next < end {
            let (stored, valueOffset) = try reader.text(at: next)
            if Self.same(name, stored) {
                if advance { state.cursors[depth] = try reader.end(of: valueOffset) }
                return valueOffset
            }
        }
        let renames = self.renames
        var position = entries
        while position < end {
            let (stored, valueOffset) = try reader.text(at: position)
            if Self.same(name, stored) { return valueOffset }
            if !renames.isEmpty, renames[String(decoding: stored, as: UTF8.self)] == name { return valueOffset }
            position = try reader.end(of: valueOffset)
        }
        return nil
    }

    /// True when the stored key's bytes are the name's UTF-8: compared as memory when the name's
    /// bytes are contiguous (a field name always is), byte by byte otherwise.
    private static func same(_ name: String, _ stored: UnsafeRawBufferPointer) -> Bool {
        let utf8 = name.utf8
        let compared = utf8.withContiguousStorageIfAvailable { wanted -> Bool in
            guard wanted.count == stored.count else { return false }
            guard let left = wanted.baseAddress, let right = stored.baseAddress else { return wanted.isEmpty }
            return memcmp(left, right, wanted.count) == 0
        }
        if let compared { return compared }
        return utf8.elementsEqual(stored)
    }
}

/// An object: each field by name.
private struct ObjectDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: ObjectFields
    var codingPath: [any CodingKey] { [] }

    init(_ decoding: ValueDecoding) throws {
        fields = try ObjectFields(decoding)
    }

    private var decoding: ValueDecoding { fields.decoding }
    private var reader: BodyReader { fields.decoding.reader }

    var allKeys: [Key] {
        (try? fields.names().compactMap { Key(stringValue: $0) }) ?? []
    }

    private func find(_ key: Key, advance: Bool = true) throws -> Int? {
        try fields.find(key.stringValue, advance: advance)
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
        return decoding.child(at: offset)
    }

    /// The value of `key` unless it is absent or null.
    private func presentValue(_ key: Key) throws -> ValueDecoding? {
        guard let offset = try find(key), try reader.tag(at: offset) != .null else { return nil }
        return decoding.child(at: offset)
    }

    func contains(_ key: Key) -> Bool {
        (try? find(key, advance: false)) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let offset = try find(key, advance: false) else { return true }
        guard try reader.tag(at: offset) == .null else { return false }
        _ = try find(key)
        return true
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).string() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).bool() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).double() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).narrow(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).narrow(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).narrow(type) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(key).decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try presentValue(key)?.decode(type)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentValue(key)?.string()
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentValue(key)?.bool()
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentValue(key)?.narrow(type)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try presentValue(key)?.double()
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

    func superDecoder() throws -> any Decoder { decoding }

    func superDecoder(forKey key: Key) throws -> any Decoder { try value(key) }
}

/// An array: its elements in order.
private struct ArrayDecoding: UnkeyedDecodingContainer {
    let decoding: ValueDecoding
    private let end: Int
    private var position: Int
    /// Not stored: the array is read until its end.
    var count: Int? { nil }
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }

    init(_ decoding: ValueDecoding) throws {
        let reader = decoding.reader
        let offset = decoding.offset
        guard try reader.tag(at: offset) == .array else {
            throw RecordFormat.Malformed("a stored record holds another kind of value where an array belongs")
        }
        self.decoding = decoding
        end = try reader.end(of: offset)
        position = offset + 5
    }

    private var reader: BodyReader { decoding.reader }

    var isAtEnd: Bool { position >= end }

    private mutating func nextValue() throws -> ValueDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(codingPath: [], debugDescription: "a stored array has no more elements")
            )
        }
        let value = decoding.child(at: position)
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
