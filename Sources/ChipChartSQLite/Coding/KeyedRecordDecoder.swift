public import ChipChart
import Foundation

/// Reads bodies in the keyed format of ``RecordFormat``: fields by name, in any order; fields a
/// record does not know are kept in its ``ChipChart/UnknownFields``; an absent optional is `nil`.
///
/// Reading checks every length against the bytes, so a damaged body is an error, never a crash.
/// Fields are looked up in stored order first (the usual case costs one comparison of names),
/// and through an index of the object when the order differs.
///
/// Not API: other packages see it only through `@_spi(RecordFormat) import`, for the format benchmark.
@_spi(RecordFormat) public final class KeyedRecordDecoder {
    /// The decimals read lately, by their stored bytes, for the records' own readers.
    let decimals = DecimalCache()

    /// A decoder.
    public init() {}

    /// A record from its body; the bytes need to stay valid only during the call. Fields renamed
    /// since they were stored are read under their new names (`renames`: old → new).
    public func decode<Record: EvolvableRecord>(
        _ type: Record.Type,
        from bytes: UnsafeRawBufferPointer,
        renames: [String: String]? = nil
    ) throws -> Record {
        let reader = try BodyReader(bytes)
        let start = RecordFormat.header.count
        let renames = renames ?? RecordFormat.renamedFields[ObjectIdentifier(type)] ?? [:]
        let state = DecodingState(renames: renames)
        let decoding = ValueDecoding(reader: reader, offset: start, state: state, depth: 0)
        var record = try withExtendedLifetime(state) { try Record(from: decoding) }
        let end = try reader.end(of: start)
        guard end == bytes.count else {
            throw RecordFormat.Malformed("a stored record has bytes after its end")
        }
        // Read to its end in stored order: every stored field was one the record asked for.
        if state.cursors.first != end {
            record.unknownFields = try reader.unknownFields(ofObjectAt: start, known: Record.storedFieldNames, renames)
        }
        return record
    }
}

/// The bytes of one body, with bounds-checked reads at an offset.
struct BodyReader {
    let bytes: UnsafeRawBufferPointer

    /// Checks the header: the format's mark and a major version this library reads.
    init(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > RecordFormat.header.count, bytes[0] == RecordFormat.magic[0],
            bytes[1] == RecordFormat.magic[1]
        else { throw RecordFormat.Malformed("a stored record does not start with the record format's header") }
        guard bytes[2] == RecordFormat.major else {
            throw RecordFormat.Malformed(
                "a stored record is in format \(bytes[2]).\(bytes[3]); this version reads format \(RecordFormat.major)",
                isNewerFormat: bytes[2] > RecordFormat.major
            )
        }
        self.bytes = bytes
    }

    func byte(at offset: Int) throws -> UInt8 {
        guard offset >= 0, offset < bytes.count else { throw RecordFormat.Malformed() }
        return bytes[offset]
    }

    func tag(at offset: Int) throws -> RecordFormat.Tag {
        guard let tag = RecordFormat.Tag(rawValue: try byte(at: offset)) else {
            throw RecordFormat.Malformed("a stored record holds an unknown value tag")
        }
        return tag
    }

    /// A varint and the offset after it.
    func varint(at offset: Int) throws -> (value: UInt64, next: Int) {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var position = offset
        while true {
            let byte = try self.byte(at: position)
            position += 1
            guard shift < 64 else { throw RecordFormat.Malformed("a stored number is too long") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return (value, position) }
            shift += 7
        }
    }

    func uint32(at offset: Int) throws -> Int {
        guard offset >= 0, offset + 4 <= bytes.count else { throw RecordFormat.Malformed() }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
            | Int(bytes[offset + 3]) << 24
    }

    /// The bytes of a length-prefixed text (a key or a string's content) and the offset after it.
    func text(at offset: Int) throws -> (bytes: UnsafeRawBufferPointer, next: Int) {
        let (count, start) = try varint(at: offset)
        guard count <= UInt64(bytes.count), start + Int(count) <= bytes.count else {
            throw RecordFormat.Malformed("a stored text runs past the record's end")
        }
        return (UnsafeRawBufferPointer(rebasing: bytes[start..<start + Int(count)]), start + Int(count))
    }

    /// Where the value at `offset` ends.
    func end(of offset: Int) throws -> Int {
        switch try tag(at: offset) {
        case .null, .falseValue, .trueValue: return offset + 1
        case .signed, .unsigned: return try varint(at: offset + 1).next
        case .double:
            guard offset + 9 <= bytes.count else { throw RecordFormat.Malformed() }
            return offset + 9
        case .string: return try text(at: offset + 1).next
        case .uuid:
            guard offset + 17 <= bytes.count else { throw RecordFormat.Malformed() }
            return offset + 17
        case .object, .array:
            let end = offset + 5 + (try uint32(at: offset + 1))
            guard end <= bytes.count else { throw RecordFormat.Malformed("a stored object runs past the record's end") }
            return end
        }
    }

    /// The entries of the object at `offset`: where they start and where the object ends.
    func object(at offset: Int) throws -> (entries: Int, end: Int) {
        guard try tag(at: offset) == .object else {
            throw RecordFormat.Malformed("a stored record holds another kind of value where an object belongs")
        }
        return (offset + 5, try end(of: offset))
    }

    /// The fields of the object at `offset` whose names are not in `known` (after renames).
    func unknownFields(
        ofObjectAt offset: Int,
        known: Set<String>,
        _ renames: [String: String]
    ) throws
        -> UnknownFields
    {
        let (entries, end) = try object(at: offset)
        var fields: [UnknownFields.Field] = []
        var position = entries
        while position < end {
            let (key, valueOffset) = try text(at: position)
            let name = String(decoding: key, as: UTF8.self)
            if !known.contains(renames[name] ?? name) {
                fields.append(UnknownFields.Field(key: name, value: try value(at: valueOffset)))
            }
            position = try self.end(of: valueOffset)
        }
        return UnknownFields(fields)
    }

    /// Any value, as an ``ChipChart/UnknownFields/Value``.
    func value(at offset: Int) throws -> UnknownFields.Value {
        switch try tag(at: offset) {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .signed: return .signed(Self.unzigzag(try varint(at: offset + 1).value))
        case .unsigned: return .unsigned(try varint(at: offset + 1).value)
        case .double: return .double(try double(at: offset))
        case .string: return .string(String(decoding: try text(at: offset + 1).bytes, as: UTF8.self))
        case .uuid: return .uuid(try uuid(at: offset))
        case .object:
            let (entries, end) = try object(at: offset)
            var fields: [UnknownFields.Field] = []
            var position = entries
            while position < end {
                let (key, valueOffset) = try text(at: position)
                fields.append(
                    UnknownFields.Field(key: String(decoding: key, as: UTF8.self), value: try value(at: valueOffset))
                )
                position = try self.end(of: valueOffset)
            }
            return .object(fields)
        case .array:
            let end = try self.end(of: offset)
            var values: [UnknownFields.Value] = []
            var position = offset + 5
            while position < end {
                values.append(try value(at: position))
                position = try self.end(of: position)
            }
            return .array(values)
        }
    }

    func double(at offset: Int) throws -> Double {
        guard offset + 9 <= bytes.count else { throw RecordFormat.Malformed() }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + 1 + index]) << (8 * UInt64(index)) }
        return Double(bitPattern: bits)
    }

    func uuid(at offset: Int) throws -> UUID {
        guard offset + 17 <= bytes.count else { throw RecordFormat.Malformed() }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) {
            $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset + 1..<offset + 17]))
        }
        return UUID(uuid: raw)
    }

    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}
