public import Foundation

/// The insurance linkage: a time-bounded link between a patient and one insurance card.
///
/// A card replacement (portal codes 003/004) never edits a coverage in place: it adds a new
/// coverage whose ``replaces`` names the old one, and the old one is closed (``replacedBy`` set,
/// ``validity`` ending the day before the new card starts). A visit records which coverage
/// applied, so past visits keep the card that paid for them.
public struct Coverage: Identifiable, Hashable, Sendable, Codable, EvolvableRecord {
    /// Where a coverage stands.
    public enum Status: String, Hashable, Sendable, Codable {
        /// In force as far as known.
        case active
        /// Replaced by a newer card (see ``Coverage/replacedBy``).
        case replaced
        /// Past its validity (portal 010).
        case expired
        /// Revoked by the insurer (portal 110).
        case revoked
        /// Reported ended (portal 120–124).
        case ended
    }

    /// How and when the coverage was last checked with the insurer.
    public enum Verification: Hashable, Sendable, Codable {
        /// Never confirmed by the portal (typed in, or the portal was unreachable).
        case unverified
        /// The portal answered `result` at `at` for a lookup by `staff`.
        case verified(at: Date, by: Staff, result: PortalResultCode)

        /// The result code, when verified.
        public var result: PortalResultCode? {
            if case .verified(_, _, let result) = self { return result }
            return nil
        }

        /// When it was verified.
        public var verifiedAt: Date? {
            if case .verified(let at, _, _) = self { return at }
            return nil
        }
    }

    /// The stable internal id.
    public var id: CoverageID
    /// The insured patient.
    public var patientID: PatientID
    /// The card's 15-character code.
    public var cardCode: InsuranceCardCode
    /// The registered primary-care facility (`MA_DKBD`).
    public var registeredFacility: FacilityCode?
    /// The region code printed on the card, if any.
    public var region: Region?
    /// The card's validity (`gtTheTu`–`gtTheDen`).
    public var validity: DatePeriod
    /// When five continuous years of coverage were reached (`ngayDu5Nam`).
    public var fiveYearDate: CalendarDate?
    /// Where the coverage stands.
    public var status: Status
    /// The coverage this one replaced.
    public var replaces: CoverageID?
    /// The coverage that replaced this one.
    public var replacedBy: CoverageID?
    /// The last check with the insurer.
    public var verification: Verification
    /// The version the store last wrote; 0 before the first commit.
    public var version: Int
    /// Fields a newer version of ChipChart stored that this version does not know, written back
    /// unchanged when the record is rewritten; empty for a record made in memory.
    public var unknownFields = UnknownFields()

    /// The stored fields, in stored order; ``unknownFields`` is kept by the store itself.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, patientID, cardCode, registeredFacility, region, validity, fiveYearDate, status, replaces, replacedBy,
            verification, version
    }

    /// Creates a coverage that has not been stored yet.
    public init(
        id: CoverageID = CoverageID(),
        patientID: PatientID,
        cardCode: InsuranceCardCode,
        registeredFacility: FacilityCode? = nil,
        region: Region? = nil,
        validity: DatePeriod,
        fiveYearDate: CalendarDate? = nil,
        status: Status = .active,
        replaces: CoverageID? = nil,
        replacedBy: CoverageID? = nil,
        verification: Verification = .unverified,
        version: Int = 0
    ) {
        self.id = id
        self.patientID = patientID
        self.cardCode = cardCode
        self.registeredFacility = registeredFacility
        self.region = region
        self.validity = validity
        self.fiveYearDate = fiveYearDate
        self.status = status
        self.replaces = replaces
        self.replacedBy = replacedBy
        self.verification = verification
        self.version = version
    }

    /// The lifelong social insurance number (the card code's last ten digits).
    public var socialInsuranceNumber: SocialInsuranceNumber { cardCode.socialInsuranceNumber }

    /// True when the card is valid on a day and the coverage has not been revoked or ended.
    public func isValid(on day: CalendarDate) -> Bool {
        status != .revoked && status != .ended && validity.contains(day)
    }
}

extension Coverage {
    /// The names of the fields this version stores.
    public static let storedFieldNames = Set(CodingKeys.allCases.map(\.stringValue))
}
