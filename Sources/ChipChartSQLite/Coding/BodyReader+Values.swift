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

    /// The fields of the object at `offset`, in stored order.
    func fields(ofObjectAt offset: Int) throws -> ObjectEntries {
        let (entries, end) = try object(at: offset)
        return ObjectEntries(reader: self, position: entries, end: end)
    }

    /// The elements of the array at `offset`, in order.
    func elements(ofArrayAt offset: Int) throws -> ArrayElements {
        guard try tag(at: offset) == .array else {
            throw RecordFormat.Malformed("a stored record holds another kind of value where an array belongs")
        }
        return ArrayElements(reader: self, position: offset + 5, end: try end(of: offset))
    }

    /// The error for a value of another kind than the one a field holds.
    static func mismatch(_ type: Any.Type) -> RecordFormat.Malformed {
        RecordFormat.Malformed("a stored record holds another kind of value where \(type) belongs")
    }
}

/// The fields of a stored object, one after another: each key's bytes and where its value starts.
struct ObjectEntries {
    let reader: BodyReader
    private(set) var position: Int
    let end: Int

    init(reader: BodyReader, position: Int, end: Int) {
        self.reader = reader
        self.position = position
        self.end = end
    }

    /// The next field, or `nil` after the last.
    mutating func next() throws -> (key: UnsafeRawBufferPointer, value: Int)? {
        guard position < end else { return nil }
        let (key, value) = try reader.text(at: position)
        position = try reader.end(of: value)
        guard position <= end else { throw RecordFormat.Malformed("a stored field runs past its object's end") }
        return (key, value)
    }
}

/// The elements of a stored array, one after another: where each value starts.
struct ArrayElements {
    let reader: BodyReader
    private(set) var position: Int
    let end: Int

    init(reader: BodyReader, position: Int, end: Int) {
        self.reader = reader
        self.position = position
        self.end = end
    }

    /// Where the next element starts, or `nil` after the last.
    mutating func next() throws -> Int? {
        guard position < end else { return nil }
        let element = position
        position = try reader.end(of: element)
        guard position <= end else { throw RecordFormat.Malformed("a stored element runs past its array's end") }
        return element
    }

    /// Every element, read by `read`.
    mutating func map<Element>(_ read: (Int) throws -> Element) throws -> [Element] {
        var result: [Element] = []
        while let element = try next() { result.append(try read(element)) }
        return result
    }
}
