import ChipChart

/// A field of a record that its own writer and reader leave to the generic keyed coder (its
/// `Codable` conformance): one line, such as `GenericField("clinicalRecord", \.clinicalRecord)`,
/// for a field of a nested type off the hot path.
struct GenericField<Record>: Sendable {
    /// The name the field is stored under.
    let name: String
    /// Writes the key and the value, or nothing for an absent optional.
    let write: @Sendable (Record, KeyedRecordEncoder) throws -> Void
    /// Sets the field from its stored value.
    let read: @Sendable (inout Record, ValueDecoding) throws -> Void
    /// True when a body without the field reads as the record's default (an optional).
    let isOptional: Bool

    /// A field that every body holds.
    init<Value: Codable & Sendable>(_ name: String, _ path: any WritableKeyPath<Record, Value> & Sendable) {
        self.name = name
        isOptional = false
        write = { record, encoder in
            encoder.appendKey(name)
            try encoder.appendEncodable(record[keyPath: path])
        }
        read = { record, value in record[keyPath: path] = try value.decode(Value.self) }
    }

    /// An optional field: absent from the body while `nil`, and `nil` when absent or null.
    init<Value: Codable & Sendable>(_ name: String, _ path: any WritableKeyPath<Record, Value?> & Sendable) {
        self.name = name
        isOptional = true
        write = { record, encoder in
            guard let value = record[keyPath: path] else { return }
            encoder.appendKey(name)
            try encoder.appendEncodable(value)
        }
        read = { record, value in
            record[keyPath: path] = try value.reader.isNull(at: value.offset) ? nil : try value.decode(Value.self)
        }
    }
}
