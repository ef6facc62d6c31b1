import Foundation

/// Turns records into the bytes of a `body` column and back.
///
/// One per connection (used under its lock). The body holds the whole record in the compact
/// form of ``BinaryRecordEncoder``; the columns beside it hold what the database must index or
/// enforce.
final class RecordCoder {
    private let encoder = BinaryRecordEncoder()
    private let decoder = BinaryRecordDecoder()

    /// The record's bytes.
    func encode(_ value: some Encodable) throws -> [UInt8] {
        try encoder.encode(value)
    }

    /// A record from a body column's bytes.
    func decode<Record: Decodable>(_ type: Record.Type, from bytes: UnsafeRawBufferPointer) throws -> Record {
        try decoder.decode(type, from: bytes)
    }
}
