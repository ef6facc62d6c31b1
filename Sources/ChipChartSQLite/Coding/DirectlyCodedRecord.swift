public import ChipChart

/// A record with its own writer and reader of ``RecordFormat`` (format 2), beside its `Codable`
/// conformance: the same bytes, written and read without the generic coder's containers.
///
/// Not API: other packages see it only through `@_spi(RecordFormat) import`, for the format benchmark.
@_spi(RecordFormat) public protocol DirectlyCodedRecord: EvolvableRecord {
    /// Writes the record's own fields, in stored order, into the object the encoder has open.
    func writeFields(to encoder: KeyedRecordEncoder) throws

    /// Reads the record whose object starts at `offset`; says whether it held fields this version
    /// does not know.
    static func read(from reader: RecordReader, at offset: Int) throws -> (record: Self, hasUnknownFields: Bool)
}

@_spi(RecordFormat) extension Patient: DirectlyCodedRecord {
    /// Writes the patient's fields.
    @_spi(RecordFormat) public func writeFields(to encoder: KeyedRecordEncoder) { encoder.writeFields(of: self) }

    /// Reads a patient.
    @_spi(RecordFormat) public static func read(
        from reader: RecordReader,
        at offset: Int
    ) throws -> (
        record: Patient, hasUnknownFields: Bool
    ) {
        try reader.patient(at: offset)
    }
}

@_spi(RecordFormat) extension Coverage: DirectlyCodedRecord {
    /// Writes the coverage's fields.
    @_spi(RecordFormat) public func writeFields(to encoder: KeyedRecordEncoder) { encoder.writeFields(of: self) }

    /// Reads a coverage.
    @_spi(RecordFormat) public static func read(
        from reader: RecordReader,
        at offset: Int
    ) throws -> (
        record: Coverage, hasUnknownFields: Bool
    ) {
        try reader.coverage(at: offset)
    }
}

@_spi(RecordFormat) extension Visit: DirectlyCodedRecord {
    /// Writes the visit's fields.
    @_spi(RecordFormat) public func writeFields(to encoder: KeyedRecordEncoder) throws {
        try encoder.writeFields(of: self)
    }

    /// Reads a visit.
    @_spi(RecordFormat) public static func read(
        from reader: RecordReader,
        at offset: Int
    ) throws -> (
        record: Visit, hasUnknownFields: Bool
    ) {
        try reader.visit(at: offset)
    }
}
