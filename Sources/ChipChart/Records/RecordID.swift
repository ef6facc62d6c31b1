public import Foundation

/// The stable internal identifier of a stored record: a UUID typed by the kind of record.
///
/// A patient's ``PersonalID`` can change; its ``PatientID`` never does. The type parameter keeps
/// a patient's id from being passed where a visit's is expected.
public struct RecordID<Record>: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The UUID.
    public let uuid: UUID

    /// A new identifier, ordered by time: the first 48 bits are the milliseconds since 1970 (the
    /// layout of a version-7 UUID), the rest a counter and random bits. Ids made one after another
    /// sort in the order they were made, so a store's index of ids grows at its end.
    public init() { self.uuid = TimeOrderedUUID.next() }

    /// The identifier with a given UUID (from storage).
    public init(_ uuid: UUID) { self.uuid = uuid }

    /// Parses the UUID's text form.
    ///
    /// - Throws: ``ValidationError`` (`invalidFormat`).
    public init(parsing text: String, field: String = "id") throws(ValidationError) {
        guard let uuid = UUID(uuidString: text) else {
            throw ValidationError.invalidFormat(field, "not a UUID")
        }
        self.uuid = uuid
    }

    /// The UUID in lowercase text.
    public var description: String { uuid.uuidString.lowercased() }

    /// Encodes the UUID text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(uuid)
    }

    /// Decodes the UUID text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.uuid = try container.decode(UUID.self)
    }
}

/// A patient's stable internal identifier.
public typealias PatientID = RecordID<Patient>
/// A coverage's stable internal identifier.
public typealias CoverageID = RecordID<Coverage>
/// A visit's stable internal identifier.
public typealias VisitID = RecordID<Visit>
