import ChipChart
import Foundation

/// Turns records into the bytes of a `body` column and back.
///
/// One per connection (used under its lock). The body holds the whole record in the keyed,
/// versioned form of ``RecordFormat``; the columns beside it hold what the database must index or
/// enforce. `Patient`, `Coverage` and `Visit` are written and read by their own writers and
/// readers (`encodeDirectly`, `decodeDirectly`); any other record by the generic
/// keyed coder, which writes and reads the same bytes.
final class RecordCoder {
    private let encoder = KeyedRecordEncoder()
    private let decoder = KeyedRecordDecoder()
    private let positionalDecoder = BinaryRecordDecoder()

    /// The record's bytes, in the current format.
    func encode<Record: EvolvableRecord>(_ record: Record) throws -> [UInt8] {
        if let record = record as? any DirectlyCodedRecord { return try encoder.encodeDirectly(record) }
        return try encoder.encode(record)
    }

    /// A record from a body column's bytes, in the current format.
    func decode<Record: EvolvableRecord>(_ type: Record.Type, from bytes: UnsafeRawBufferPointer) throws -> Record {
        if let direct = type as? any DirectlyCodedRecord.Type,
            let record = try decoder.decodeDirectly(direct, from: bytes) as? Record
        {
            return record
        }
        return try decoder.decode(type, from: bytes)
    }

    /// A record from a body written in format 1, the positional form of ``BinaryRecordEncoder``;
    /// only the migration that rewrites such bodies reads them.
    func decodeFormatOne<Record: Decodable>(_ type: Record.Type, from bytes: UnsafeRawBufferPointer) throws -> Record {
        try positionalDecoder.decode(type, from: bytes)
    }
}
