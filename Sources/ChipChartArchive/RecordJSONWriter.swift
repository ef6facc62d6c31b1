public import ChipChart

/// Writes a record's JSON object as its archive line holds it, directly and without
/// `JSONEncoder`: keys sorted, instants as seconds since 1970, slashes unescaped, an optional
/// that is `nil` left out. For a store that keeps each record as a JSON document and restores an
/// archive's records without a `JSONEncoder` per record.
///
/// The object is the member of the record's line (`{"patient":…}` holds a patient's object):
/// `JSONDecoder`, with instants as seconds since 1970, reads it back as the very record. A visit
/// with a chart is not written (the archive leaves a chart to `JSONEncoder`): `object(of:)` is
/// `nil` for it.
public struct RecordJSONWriter: Sendable {
    private var line = JSONLineWriter()

    /// A writer with nothing written yet.
    public init() {}

    /// The JSON object of `record` (UTF-8), or `nil` for a visit with a chart. The bytes are the
    /// writer's own until its next call.
    public mutating func object(of record: ArchiveRecord) -> ArraySlice<UInt8>? {
        let prefix: Int
        switch record {
        case .patient: prefix = #"{"patient":"#.utf8.count
        case .coverage: prefix = #"{"coverage":"#.utf8.count
        case .visit(let visit):
            guard visit.chart.isEmpty else { return nil }
            prefix = #"{"visit":"#.utf8.count
        case .auditEvent: prefix = #"{"auditEvent":"#.utf8.count
        }
        line.reset()
        line.write(record)
        // The line is one object whose one member is the record: its name, then the record's
        // object, then the line's closing brace.
        return line.bytes[prefix..<(line.bytes.count - 1)]
    }
}
