import Foundation

/// Typed reads of one value of a body, and walks over an object's fields and an array's
/// elements: what both the generic decoder and the records' own readers read with.
extension BodyReader {
    /// The string at `offset`.
    func string(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw Self.mismatch(String.self) }
        return String(decoding: try text(at: offset + 1).bytes, as: UTF8.self)
    }

    /// The UUID at `offset`.
    func uuidValue(at offset: Int) throws -> UUID {
        guard try tag(at: offset) == .uuid else { throw Self.mismatch(UUID.self) }
        return try uuid(at: offset)
    }

    /// The number at `offset` as a double: a double, or a whole number.
    func number(at offset: Int) throws -> Double {
        switch try tag(at: offset) {
        case .double: return try double(at: offset)
        case .signed: return Double(Self.unzigzag(try varint(at: offset + 1).value))
        case .unsigned: return Double(try varint(at: offset + 1).value)
        default: throw Self.mismatch(Double.self)
        }
    }

    /// The Boolean at `offset`.
    func flag(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .trueValue: return true
        case .falseValue: return false
        default: throw Self.mismatch(Bool.self)
        }
    }

    /// The whole number at `offset`, when it fits `T`.
    func integer<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        let converted: T?
        switch try tag(at: offset) {
        case .signed: converted = T(exactly: Self.unzigzag(try varint(at: offset + 1).value))
        case .unsigned: converted = T(exactly: try varint(at: offset + 1).value)
        default: throw Self.mismatch(T.self)
        }
        guard let converted else { throw RecordFormat.Malformed("a stored number does not fit \(T.self)") }
        return converted
    }

    /// True when the value at `offset` is null.
    func isNull(at offset: Int) throws -> Bool { try tag(at: offset) == .null }

    /// The fields of the object at `offset`, in stored order (``StoredValues/nextField()``).
    func fields(ofObjectAt offset: Int) throws -> StoredValues {
        let (entries, end) = try object(at: offset)
        return StoredValues(reader: self, position: entries, end: end)
    }

    /// The elements of the array at `offset`, in order (``StoredValues/nextElement()``).
    func elements(ofArrayAt offset: Int) throws -> StoredValues {
        guard try tag(at: offset) == .array else {
            throw RecordFormat.Malformed("a stored record holds another kind of value where an array belongs")
        }
        return StoredValues(reader: self, position: offset + 5, end: try end(of: offset))
    }

    /// The error for a value of another kind than the one a field holds.
    static func mismatch(_ type: Any.Type) -> RecordFormat.Malformed {
        RecordFormat.Malformed("a stored record holds another kind of value where \(type) belongs")
    }
}

/// The values of a stored object or array, one after another. A value that runs past the end
/// of its object or array is an error (the generic decoder reads on).
struct StoredValues {
    let reader: BodyReader
    private(set) var position: Int
    let end: Int

    init(reader: BodyReader, position: Int, end: Int) {
        self.reader = reader
        self.position = position
        self.end = end
    }

    /// The next field of an object, its key's bytes and where its value starts; `nil` after the last.
    mutating func nextField() throws -> (key: UnsafeRawBufferPointer, value: Int)? {
        guard position < end else { return nil }
        let (key, value) = try reader.text(at: position)
        try skip(value)
        return (key, value)
    }

    /// Where the next element of an array starts; `nil` after the last.
    mutating func nextElement() throws -> Int? {
        guard position < end else { return nil }
        let element = position
        try skip(element)
        return element
    }

    /// Every element of an array, read by `read`.
    mutating func map<Element>(_ read: (Int) throws -> Element) throws -> [Element] {
        var result: [Element] = []
        while let element = try nextElement() { result.append(try read(element)) }
        return result
    }

    /// Moves past the value at `value`.
    private mutating func skip(_ value: Int) throws {
        position = try reader.end(of: value)
        guard position <= end else { throw RecordFormat.Malformed("a stored value runs past its container's end") }
    }
}
