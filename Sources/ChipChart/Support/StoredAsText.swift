/// A value stored as the text it was made from, and checked again when read: an identifier or a
/// code (``PersonalID``, ``InsuranceCardCode``, ``FacilityCode``, …). A stored or archived value
/// that no longer passes its checks is an error, never a value.
///
/// `Codable` comes from the two requirements: one string, in JSON, a store or an archive.
public protocol StoredAsText: Codable {
    /// The text the value is stored as.
    var storedText: String { get }
    /// The value that stored text makes, checked as when it was first made.
    init(storedText: String) throws(ValidationError)
}

extension StoredAsText {
    /// Encodes ``storedText``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storedText)
    }

    /// Decodes the text and checks it (``init(storedText:)``).
    public init(from decoder: any Decoder) throws {
        try self.init(storedText: try decoder.singleValueContainer().decode(String.self))
    }
}
