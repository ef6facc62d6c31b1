import ChipChart
import Foundation

/// Reads `Patient`, `Coverage` and `Visit` bodies directly, as the generic keyed decoder reads
/// them through `Codable` — fields by name in any order, an absent or null optional as `nil`, a
/// record's unknown fields kept, its renamed fields read under their new names — without its
/// containers and dynamic casts.
extension KeyedRecordDecoder {
    /// A record from its body, read directly: the record the generic ``decode(_:from:renames:)``
    /// reads from the same bytes. Renamed fields are read under their new names (`renames`: old →
    /// new; by default those of ``RecordFormat/renamedFields``).
    public func decodeDirectly<Record: DirectlyCodedRecord>(
        _ type: Record.Type,
        from bytes: UnsafeRawBufferPointer,
        renames: [String: String]? = nil
    ) throws -> Record {
        try decodeRecord(from: bytes, renames: renames) { try Record.coding.read($0, $1) }
    }

    private func decodeRecord<Record: EvolvableRecord>(
        from bytes: UnsafeRawBufferPointer,
        renames: [String: String]?,
        read: (RecordReader, Int) throws -> (record: Record, hasUnknownFields: Bool)
    ) throws -> Record {
        let body = try BodyReader(bytes)
        let start = RecordFormat.header.count
        let renames = renames ?? RecordFormat.renamedFields[ObjectIdentifier(Record.self)] ?? [:]
        var (record, hasUnknownFields) = try read(RecordReader(body: body, renames: renames, decimals: decimals), start)
        guard try body.end(of: start) == bytes.count else {
            throw RecordFormat.Malformed("a stored record has bytes after its end")
        }
        if hasUnknownFields {
            record.unknownFields = try body.unknownFields(ofObjectAt: start, known: Record.storedFieldNames, renames)
        }
        return record
    }
}

/// The reads of one body: a record's fields, its nested values and their leaves.
///
/// Not API: other packages see it only through `@_spi(RecordFormat) import`.
@_spi(RecordFormat) public struct RecordReader {
    let body: BodyReader
    /// Old field names → new ones, for the record's own fields.
    let renames: [String: String]
    /// Not retained: the decoder that owns it outlives the reader.
    unowned(unsafe) var decimals: DecimalCache

    /// Calls `read` for each field of the object at `offset` that `Field` names, with where its
    /// value starts; returns whether the object held a field it does not name. A record's own
    /// fields (`isRecord`) are also found under the names they had before a declared rename.
    func forEachField<Field: StoredFields>(
        ofObjectAt offset: Int,
        _ type: Field.Type,
        isRecord: Bool = false,
        _ read: (Field, Int) throws -> Void
    ) throws -> Bool {
        var fields = try body.fields(ofObjectAt: offset)
        var hasOthers = false
        while let (key, value) = try fields.nextField() {
            if let field = Field.table.field(key) {
                try read(field, value)
            } else if isRecord, !renames.isEmpty,
                let renamed = renames[String(decoding: key, as: UTF8.self)],
                let field = Field.table.field(named: renamed)
            {
                try read(field, value)
            } else {
                hasOthers = true
            }
        }
        return hasOthers
    }

    /// The value a partial record builds (``ChipChart/Patient/Partial``, …) once its fields are
    /// read: a required field the body does not hold makes the body malformed.
    func built<Value>(_ build: () throws -> Value) throws -> Value {
        do {
            return try build()
        } catch let missing as MissingField {
            throw RecordFormat.Malformed("a stored record has no field \(missing.name)")
        }
    }

    /// The value at `offset` read by the generic decoder (its `Decodable` conformance).
    func decodable<Value: Decodable>(_ type: Value.Type, at offset: Int) throws -> Value {
        try withGenericDecoder(at: offset) { try $0.decode(type) }
    }

    /// Calls `read` with the generic decoder of the value at `offset`.
    func withGenericDecoder<Value>(at offset: Int, _ read: (ValueDecoding) throws -> Value) throws -> Value {
        let state = DecodingState()
        return try withExtendedLifetime(state) {
            try read(ValueDecoding(reader: body, offset: offset, state: state, depth: 1))
        }
    }

    /// Reads an optional: `nil` when the stored value is null.
    func optional<Value>(at offset: Int, _ read: (Int) throws -> Value) throws -> Value? {
        try body.isNull(at: offset) ? nil : try read(offset)
    }

    // MARK: - Leaves

    func string(at offset: Int) throws -> String { try body.string(at: offset) }

    func int(at offset: Int) throws -> Int { try body.integer(Int.self, at: offset) }

    func bool(at offset: Int) throws -> Bool { try body.flag(at: offset) }

    func id<Record>(at offset: Int) throws -> RecordID<Record> { RecordID(try body.uuidValue(at: offset)) }

    /// An instant: seconds since 2001.
    func date(at offset: Int) throws -> Date { Date(timeIntervalSinceReferenceDate: try body.number(at: offset)) }

    /// An identifier or code, checked as when it was made.
    func text<Value: StoredAsText>(_ type: Value.Type, at offset: Int) throws -> Value {
        try Value(storedText: try string(at: offset))
    }

    /// A value stored as its raw name.
    func named<Value: RawRepresentable<String>>(_ type: Value.Type, at offset: Int) throws -> Value {
        let name = try string(at: offset)
        guard let value = Value(rawValue: name) else {
            throw RecordFormat.Malformed("a stored record holds an unknown \(Value.self) \"\(name)\"")
        }
        return value
    }

    /// A calendar date: `yyyy-MM-dd` read from its bytes; any other text as `CalendarDate` reads it.
    func calendarDate(at offset: Int) throws -> CalendarDate {
        guard let (year, month, day) = try digits(at: offset, count: 3) else {
            return try decodable(CalendarDate.self, at: offset)
        }
        return try CalendarDate(year: year, month: month, day: day)
    }

    /// A birth date: `yyyy-MM-dd`, `yyyy-MM` or `yyyy` read from its bytes; any other text as
    /// `DateOfBirth` reads it.
    func dateOfBirth(at offset: Int) throws -> DateOfBirth {
        if let (year, month, day) = try digits(at: offset, count: 3) {
            return .full(try CalendarDate(year: year, month: month, day: day))
        }
        if let (year, month, _) = try digits(at: offset, count: 2) { return .monthYear(year: year, month: month) }
        if let (year, _, _) = try digits(at: offset, count: 1) { return .year(year) }
        return try decodable(DateOfBirth.self, at: offset)
    }

    /// The parts of a string of exactly `yyyy`, `yyyy-MM` or `yyyy-MM-dd` (`count` parts), or `nil`
    /// for any other value.
    private func digits(at offset: Int, count: Int) throws -> (Int, Int, Int)? {
        guard try body.tag(at: offset) == .string else { return nil }
        let text = try body.text(at: offset + 1).bytes
        guard text.count == count * 3 + 1 else { return nil }
        var parts = (0, 0, 0)
        var index = 0
        for part in 0..<count {
            if part > 0 {
                guard text[index] == 45 else { return nil }
                index += 1
            }
            var value = 0
            for _ in 0..<(part == 0 ? 4 : 2) {
                let byte = text[index]
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
                index += 1
            }
            switch part {
            case 0: parts.0 = value
            case 1: parts.1 = value
            default: parts.2 = value
            }
        }
        return parts
    }
}
