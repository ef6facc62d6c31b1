import Foundation

/// Who a patient is, as the latest authoritative document says.
///
/// The ID card is authoritative for name, date of birth and sex; an update from a newer reading
/// makes a new version of the patient, never an overwrite without trace.
public struct Demographics: Hashable, Sendable, Codable {
    /// The full name.
    public var name: PersonName
    /// The date of birth, possibly partial.
    public var dateOfBirth: DateOfBirth
    /// The sex.
    public var sex: Sex
    /// The permanent address.
    public var address: String?
    /// Nationality as an ISO 3166 alpha-3 code (`VNM`).
    public var nationality: String?
    /// Ethnicity (dân tộc), such as `Kinh`.
    public var ethnicity: String?
    /// A contact telephone number.
    public var phone: String?

    /// Creates demographics.
    public init(
        name: PersonName,
        dateOfBirth: DateOfBirth,
        sex: Sex,
        address: String? = nil,
        nationality: String? = "VNM",
        ethnicity: String? = nil,
        phone: String? = nil
    ) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.address = address
        self.nationality = nationality
        self.ethnicity = ethnicity
        self.phone = phone
    }
}
