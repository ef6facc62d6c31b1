import Foundation

/// The portal's answer: its result code, the current card's fields, and for a replacement
/// (003/004) the new card's fields.
///
/// Fields the portal left empty are `nil`; the raw text of every field is kept in ``rawFields``
/// so nothing the insurer said is lost, even when it cannot be parsed.
public struct PortalAnswer: Hashable, Sendable {
    /// The card fields the portal returns, for the current or the new card.
    public struct Card: Hashable, Sendable {
        /// The 15-character card code (`maThe` / `maTheMoi`).
        public var code: InsuranceCardCode
        /// The registered primary-care facility (`maDKBD` / `maDKBDMoi`).
        public var registeredFacility: FacilityCode?
        /// The registered facility's name (`tenDKBDMoi`).
        public var registeredFacilityName: String?
        /// Validity (`gtTheTu`–`gtTheDen` / `gtTheTuMoi`–`gtTheDenMoi`).
        public var validity: DatePeriod
        /// The region (`maKV`).
        public var region: Region?
        /// The five-year date (`ngayDu5Nam`).
        public var fiveYearDate: CalendarDate?

        /// Creates card fields.
        public init(
            code: InsuranceCardCode,
            registeredFacility: FacilityCode? = nil,
            registeredFacilityName: String? = nil,
            validity: DatePeriod,
            region: Region? = nil,
            fiveYearDate: CalendarDate? = nil
        ) {
            self.code = code
            self.registeredFacility = registeredFacility
            self.registeredFacilityName = registeredFacilityName
            self.validity = validity
            self.region = region
            self.fiveYearDate = fiveYearDate
        }
    }

    /// The result (`maKetQua`).
    public var result: PortalResultCode
    /// The portal's message (`ghiChu`).
    public var message: String
    /// The current (or old) card, when the portal found one.
    public var card: Card?
    /// The new card of a replacement (003/004).
    public var newCard: Card?
    /// The holder's name as the insurer records it (`hoTen`).
    public var holderName: PersonName?
    /// The holder's birth date as the insurer records it (`ngaySinh`).
    public var holderDateOfBirth: DateOfBirth?
    /// The holder's sex (`gioiTinh`).
    public var holderSex: Sex?
    /// The holder's address (`diaChi`).
    public var holderAddress: String?
    /// Every field as the portal sent it, by its JSON name (`maKetQua`, `maTheMoi` …).
    public var rawFields: [String: String]
    /// The holder's social insurance number (`maSoBHXH`).
    public var socialInsuranceNumber: SocialInsuranceNumber? = nil
    /// The insurance office that manages the card (`cqBHXH`).
    public var insuranceOffice: String? = nil
    /// The portal's log of earlier lookups of this card (`dsLichSuKT2018`), newest as sent.
    public var lookupLog: [PortalLookupLogEntry] = []

    /// Creates an answer.
    public init(
        result: PortalResultCode,
        message: String = "",
        card: Card? = nil,
        newCard: Card? = nil,
        holderName: PersonName? = nil,
        holderDateOfBirth: DateOfBirth? = nil,
        holderSex: Sex? = nil,
        holderAddress: String? = nil,
        rawFields: [String: String] = [:]
    ) {
        self.result = result
        self.message = message
        self.card = card
        self.newCard = newCard
        self.holderName = holderName
        self.holderDateOfBirth = holderDateOfBirth
        self.holderSex = holderSex
        self.holderAddress = holderAddress
        self.rawFields = rawFields
    }
}
