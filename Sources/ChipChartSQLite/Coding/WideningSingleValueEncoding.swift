/// A single-value container that stores every integer as a 64-bit one and a `Float` as a
/// `Double`: its integers of other widths, and floats, are written through these.
protocol WideningSingleValueEncoding: SingleValueEncodingContainer {
    /// Writes a signed integer.
    mutating func encodeSigned(_ value: Int64) throws
    /// Writes an unsigned integer.
    mutating func encodeUnsigned(_ value: UInt64) throws
}

extension WideningSingleValueEncoding {
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { try encodeSigned(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try encodeSigned(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try encodeSigned(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try encodeSigned(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try encodeSigned(value) }
    mutating func encode(_ value: UInt) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try encodeUnsigned(value) }
}
