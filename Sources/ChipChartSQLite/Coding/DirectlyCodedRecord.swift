public import ChipChart

/// A record with its own writer and reader of ``RecordFormat`` (format 2), beside its `Codable`
/// conformance: the same bytes, written and read without the generic coder's containers.
///
/// Not API: other packages see it only through `@_spi(RecordFormat) import`, for the format benchmark.
@_spi(RecordFormat) public protocol DirectlyCodedRecord: EvolvableRecord {
    /// The record's own writer and reader.
    static var coding: DirectCoding<Self> { get }
}

/// A record kind's own writer and reader.
@_spi(RecordFormat) public struct DirectCoding<Record>: Sendable {
    /// Writes the record's own fields, in stored order, into the object the encoder has open.
    let write: @Sendable (Record, KeyedRecordEncoder) throws -> Void
    /// Reads the record whose object starts at an offset; says whether it held fields this
    /// version does not know.
    let read: @Sendable (RecordReader, Int) throws -> (record: Record, hasUnknownFields: Bool)

    init(
        _ write: @escaping @Sendable (Record, KeyedRecordEncoder) throws -> Void,
        _ read: @escaping @Sendable (RecordReader, Int) throws -> (record: Record, hasUnknownFields: Bool)
    ) {
        self.write = write
        self.read = read
    }
}

@_spi(RecordFormat) extension Patient: DirectlyCodedRecord {
    /// The patient's own writer and reader.
    @_spi(RecordFormat) public static let coding = DirectCoding<Patient>(
        { $1.writeFields(of: $0) },
        { try $0.patient(at: $1) }
    )
}

@_spi(RecordFormat) extension Coverage: DirectlyCodedRecord {
    /// The coverage's own writer and reader, as the patient's.
    @_spi(RecordFormat) public static let coding = DirectCoding<Coverage>(
        { $1.writeFields(of: $0) },
        { try $0.coverage(at: $1) }
    )
}

@_spi(RecordFormat) extension Visit: DirectlyCodedRecord {
    /// The visit's own writer and reader; a field of `VisitField.generic` is written and read
    /// by the generic coder.
    @_spi(RecordFormat) public static let coding = DirectCoding<Visit>(
        { try $1.writeFields(of: $0) },
        { try $0.visit(at: $1) }
    )
}
