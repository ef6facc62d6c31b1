import Foundation

/// What any card reader returns: the holder's identity as one document states it.
///
/// A reading comes from the card's QR, its MRZ, or its chip (``Source``); the MRZ and chip of a
/// passport or a foreign identity card give one too (``documentType``, ``issuingState``), without a
/// ``personalID`` unless the document carries one (``validate()``). The chip adds the
/// extras of DG13 and the outcome of passive authentication. Fields a source does not carry are
/// `nil`; ``rawFields`` keeps anything the reader did not understand, for later versions.
///
/// ``validate(today:)`` checks that the number agrees with the stated birth year and sex, that
/// the dates are possible for the card and not in the future, and that its texts hold no control
/// or format character.
public struct CardReading: Hashable, Sendable, Codable {
    /// Which part of the card the reading came from.
    public enum Source: String, Hashable, Sendable, Codable {
        /// The QR code on the card's front (or back, on the 2024 card).
        case qr
        /// The machine-readable zone on the back (ICAO 9303 TD1).
        case mrz
        /// The contactless chip (ICAO 9303 with the Vietnamese DG13).
        case chip
        /// Typed in by staff from a document (no card read).
        case manual
    }

    /// The outcome of passive authentication of the chip's data, reported as three separate facts.
    public struct ChipAuthentication: Hashable, Sendable, Codable {
        /// Every data group read hashes to the value in EF.SOD.
        public var dataGroupHashesMatch: Bool
        /// EF.SOD's signature verifies with its embedded document-signer certificate.
        public var signatureVerified: Bool
        /// The document signer chains to a CSCA certificate the deployer trusts.
        public var chainsToTrustedCSCA: Bool

        /// Creates an outcome.
        public init(dataGroupHashesMatch: Bool, signatureVerified: Bool, chainsToTrustedCSCA: Bool) {
            self.dataGroupHashesMatch = dataGroupHashesMatch
            self.signatureVerified = signatureVerified
            self.chainsToTrustedCSCA = chainsToTrustedCSCA
        }
    }

    /// What only the chip's DG13 carries.
    public struct ChipExtras: Hashable, Sendable, Codable {
        /// Ethnicity (dân tộc), such as `Kinh`.
        public var ethnicity: String?
        /// Religion (tôn giáo).
        public var religion: String?
        /// Place of origin (quê quán).
        public var placeOfOrigin: String?
        /// Identifying marks (đặc điểm nhận dạng).
        public var identifyingMarks: String?
        /// Nationality as written on the chip.
        public var nationality: String?
        /// Father's full name.
        public var fatherName: String?
        /// Mother's full name.
        public var motherName: String?
        /// Spouse's full name.
        public var spouseName: String?

        /// Creates chip extras.
        public init(
            ethnicity: String? = nil,
            religion: String? = nil,
            placeOfOrigin: String? = nil,
            identifyingMarks: String? = nil,
            nationality: String? = nil,
            fatherName: String? = nil,
            motherName: String? = nil,
            spouseName: String? = nil
        ) {
            self.ethnicity = ethnicity
            self.religion = religion
            self.placeOfOrigin = placeOfOrigin
            self.identifyingMarks = identifyingMarks
            self.nationality = nationality
            self.fatherName = fatherName
            self.motherName = motherName
            self.spouseName = spouseName
        }
    }

    /// Where the reading came from.
    public var source: Source
    /// The holder's Vietnamese personal ID; `nil` only for a passport or a foreign identity card
    /// that carries none (the document number and issuing state then identify the holder).
    public var personalID: PersonalID?
    /// The kind of document read: the Vietnamese ID card's QR and chip are ``DocumentType/idCard``.
    public var documentType: DocumentType
    /// The state that issued the document, such as `VNM` or `UTO` (MRZ filler removed), when read.
    public var issuingState: String?
    /// The holder's nationality as the MRZ states it, such as `VNM` (filler removed), when read.
    public var nationality: String?
    /// The old CMND number, when the card states one.
    public var legacyID: LegacyIDNumber?
    /// Personal IDs the holder held before and that were cancelled, when the card states them
    /// (see ``previousIDs``).
    public var cancelledIDs: [PersonalID] = []
    /// The full name: with diacritics from the QR or chip, ASCII from the MRZ.
    public var name: PersonName
    /// The date of birth.
    public var dateOfBirth: DateOfBirth
    /// The sex.
    public var sex: Sex
    /// The permanent address (nơi thường trú), when the source carries it.
    public var address: String?
    /// The card's issue date, when the source carries it.
    public var issueDate: CalendarDate?
    /// The card's expiry date; `nil` when not carried or when the card has no expiry.
    public var expiryDate: CalendarDate?
    /// True when the card states it never expires ("Không thời hạn").
    public var hasNoExpiry: Bool
    /// The document number (MRZ), when read.
    public var documentNumber: String?
    /// What only the chip carries.
    public var chipExtras: ChipExtras?
    /// Passive authentication, for a chip reading.
    public var authentication: ChipAuthentication?
    /// How the chip was opened (BAC, PACE with the MRZ or with the CAN), for a chip reading.
    public var accessProtocol: ChipAccessProtocol?
    /// Active authentication (DG15), for a chip reading: `nil` when not attempted.
    public var activeAuthentication: CloneCheck?
    /// Chip authentication (DG14), for a chip reading: `nil` when not attempted.
    public var chipAuthentication: CloneCheck?
    /// Fields the reader kept without interpreting (extra QR fields, unknown DG13 fields), by name.
    public var rawFields: [String: String]

    /// Creates a reading.
    public init(
        source: Source,
        personalID: PersonalID?,
        documentType: DocumentType = .idCard,
        issuingState: String? = nil,
        nationality: String? = nil,
        legacyID: LegacyIDNumber? = nil,
        name: PersonName,
        dateOfBirth: DateOfBirth,
        sex: Sex,
        address: String? = nil,
        issueDate: CalendarDate? = nil,
        expiryDate: CalendarDate? = nil,
        hasNoExpiry: Bool = false,
        documentNumber: String? = nil,
        chipExtras: ChipExtras? = nil,
        authentication: ChipAuthentication? = nil,
        rawFields: [String: String] = [:]
    ) {
        self.source = source
        self.personalID = personalID
        self.documentType = documentType
        self.issuingState = issuingState
        self.nationality = nationality
        self.legacyID = legacyID
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.address = address
        self.issueDate = issueDate
        self.expiryDate = expiryDate
        self.hasNoExpiry = hasNoExpiry
        self.documentNumber = documentNumber
        self.chipExtras = chipExtras
        self.authentication = authentication
        self.rawFields = rawFields
    }

    /// The first day of the 12-digit citizen identity card (Căn cước công dân): the Law on
    /// Citizen Identification 2014 came into force on 01/01/2016. No card carrying a 12-digit
    /// personal ID was issued before it (<doc:CardDates>).
    public static let firstIssueDate = CalendarDate(validYear: 2016, month: 1, day: 1)

    /// The first day of the chip card: the chip-based citizen identity card was issued from 2021.
    public static let firstChipIssueDate = CalendarDate(validYear: 2021, month: 1, day: 1)

    /// The first day of the identity card (Căn cước) of the Law on Identification 2023, in force
    /// from 01/07/2024: the first card a child under 14 can hold.
    public static let firstIdentityCardIssueDate = CalendarDate(validYear: 2024, month: 7, day: 1)

    /// Checks the reading against itself and against the history of the card, without a
    /// calendar: the personal ID agrees with the stated birth year and sex (a reading without one
    /// is a passport or a foreign identity card with a document number and an issuing state:
    /// ``checkDocumentWithoutPersonalID()``); the card was not
    /// issued before 2016 (a chip before 2021), nor before its holder was born, nor expires
    /// before it was issued; the address, the ethnicity and the document number hold no control
    /// or format character.
    ///
    /// Use ``validate(today:)`` wherever the date is known, as ``Reception`` does: it also
    /// refuses dates in the future.
    ///
    /// - Throws: ``ValidationError`` naming the field that is wrong.
    public func validate() throws(ValidationError) {
        try check(today: nil)
    }

    /// The reading, checked for consistency (``validate()``), with a failure reported under the
    /// source's field name (`qr.personalID`): what a reader returns.
    ///
    /// - Throws: ``ValidationError`` naming `source.field`.
    package func validated(as source: String) throws(ValidationError) -> CardReading {
        do {
            try validate()
        } catch {
            throw error.nested(in: source)
        }
        return self
    }

    /// Checks the reading as ``validate()`` does, and refuses a birth date or an issue date
    /// after `today`.
    ///
    /// A day of tolerance absorbs time zones: a date one day after `today` passes (Vietnam is
    /// UTC+7, ahead of a server kept in UTC).
    ///
    /// - Parameter today: the current day in Vietnam, such as `CalendarDate(containing: now)`.
    /// - Throws: ``ValidationError`` naming the field that is wrong: `dateOfBirth` or
    ///   `issueDate` (`outOfRange`) for a date in the future.
    public func validate(today: CalendarDate) throws(ValidationError) {
        try check(today: today)
    }

    private func check(today: CalendarDate?) throws(ValidationError) {
        if let personalID {
            try personalID.checkConsistency(birthYear: dateOfBirth.year, sex: sex)
        } else {
            try checkDocumentWithoutPersonalID()
        }
        let earliestBirth = dateOfBirth.earliestDate
        if let today {
            try dateOfBirth.checkNotAfter(today)
        }
        if let issueDate {
            if let today, issueDate > today.adding(days: DateOfBirth.toleranceDays) {
                throw ValidationError.outOfRange("issueDate", "the issue date \(issueDate) is in the future")
            }
            let firstDay = source == .chip ? Self.firstChipIssueDate : Self.firstIssueDate
            guard issueDate >= firstDay else {
                throw ValidationError.outOfRange(
                    "issueDate",
                    source == .chip
                        ? "a chip card was issued from 2021, this one says \(issueDate.year)"
                        : "a card with a 12-digit personal ID was issued from 2016, this one says \(issueDate.year)"
                )
            }
            guard issueDate >= earliestBirth else {
                throw ValidationError.inconsistent("issueDate", "the card was issued before its holder was born")
            }
            if let expiryDate, expiryDate < issueDate {
                throw ValidationError.inconsistent("expiryDate", "the card expires before it was issued")
            }
        }
        try checkTexts()
    }

    /// Rejects a control or format character in the card's free text that is stored or shown:
    /// the address, the ethnicity and the document number. The chip's other texts and
    /// ``rawFields`` are neither stored nor shown, so they are kept as read.
    private func checkTexts() throws(ValidationError) {
        if let address { try TextCheck.checkFreeText(address, field: "address") }
        if let ethnicity = chipExtras?.ethnicity {
            try TextCheck.checkFreeText(ethnicity, field: "chipExtras.ethnicity")
        }
        if let documentNumber { try TextCheck.checkFreeText(documentNumber, field: "documentNumber") }
    }
}
