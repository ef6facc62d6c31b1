public import ChipCard
public import ChipChart

/// What a simulated passport states about its holder: the source of its TD3 MRZ, and so of its
/// chip's DG1 (a passport's chip holds no DG13).
///
/// ```swift
/// var passport = try SimulatedPassport.specimen
/// passport.expiryDate = try CalendarDate(year: 2030, month: 4, day: 15)
/// let chip = try SimulatedChip(passport: passport, pki: SimulatedPKI())
/// ```
public struct SimulatedPassport: Hashable, Sendable {
    /// The passport number (up to 9 letters and digits).
    public var documentNumber: String
    /// The issuing state's three-letter code.
    public var issuingState: String
    /// The holder's nationality, a three-letter code.
    public var nationality: String
    /// The surname.
    public var surname: String
    /// The given names, separated by spaces.
    public var givenNames: String
    /// The birth date.
    public var dateOfBirth: CalendarDate
    /// The sex.
    public var sex: Sex
    /// The expiry date.
    public var expiryDate: CalendarDate
    /// The personal number (up to 14 characters), empty when the passport has none.
    public var personalNumber = ""
    /// The card access number printed on the data page (PACE-CAN).
    public var cardAccessNumber: CardAccessNumber
    /// The face image bytes of DG2.
    public var faceImage: [UInt8] = [0xFF, 0xD8, 0xFF, 0xD9]

    /// Creates a passport.
    public init(
        documentNumber: String,
        issuingState: String,
        nationality: String,
        surname: String,
        givenNames: String,
        dateOfBirth: CalendarDate,
        sex: Sex,
        expiryDate: CalendarDate,
        cardAccessNumber: CardAccessNumber
    ) {
        self.documentNumber = documentNumber
        self.issuingState = issuingState
        self.nationality = nationality
        self.surname = surname
        self.givenNames = givenNames
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.expiryDate = expiryDate
        self.cardAccessNumber = cardAccessNumber
    }

    /// The ICAO Doc 9303 part 4 specimen passport: Anna Maria Eriksson of Utopia (`UTO`), number
    /// L898902C3, born 1974-08-12, expiring 2012-04-15, personal number ZE184226B; CAN 123456.
    public static var specimen: SimulatedPassport {
        get throws(ValidationError) {
            var passport = SimulatedPassport(
                documentNumber: "L898902C3",
                issuingState: "UTO",
                nationality: "UTO",
                surname: "Eriksson",
                givenNames: "Anna Maria",
                dateOfBirth: try CalendarDate(year: 1974, month: 8, day: 12),
                sex: .female,
                expiryDate: try CalendarDate(year: 2012, month: 4, day: 15),
                cardAccessNumber: try CardAccessNumber("123456")
            )
            passport.personalNumber = "ZE184226B"
            return passport
        }
    }

    /// The two 44-character TD3 lines, check digits computed.
    public var mrzLines: [String] {
        let name = Self.field(surname) + "<<" + Self.field(givenNames)
        let line1 = "P<" + issuingState + Self.padded(name, to: 39)
        let number = Self.padded(documentNumber, to: 9)
        let birth = dateOfBirth.yymmdd
        let expiry = expiryDate.yymmdd
        let personal = Self.padded(personalNumber, to: 14)
        let personalDigit = personalNumber.isEmpty ? "<" : Self.digit(personal)
        let sexLetter = sex == .male ? "M" : sex == .female ? "F" : "<"
        let body =
            number + Self.digit(number) + nationality + birth + Self.digit(birth) + sexLetter + expiry
            + Self.digit(expiry) + personal + personalDigit
        let composite = String(body.prefix(10)) + String(body.dropFirst(13).prefix(7)) + String(body.dropFirst(21))
        return [line1, body + Self.digit(composite)]
    }

    private static func field(_ text: String) -> String {
        PersonName.fold(text).uppercased().split(separator: " ").joined(separator: "<")
    }

    private static func padded(_ text: String, to width: Int) -> String {
        String(text.prefix(width)) + String(repeating: "<", count: max(0, width - text.count))
    }

    private static func digit(_ text: String) -> String { String(MRZCheckDigit.compute(text) ?? 0) }
}

extension SimulatedChip {
    /// A passport's chip: DG1 (its TD3 MRZ), DG2 and an EF.SOD signed by the PKI's document
    /// signer, no DG13; PACE on NIST P-256 with the passport's CAN unless told otherwise.
    ///
    /// - Throws: `ValidationError` for a passport whose MRZ does not parse; ``ChipCardError``
    ///   when signing fails.
    public init(
        passport: SimulatedPassport,
        pki: SimulatedPKI,
        misbehaviour: Misbehaviour? = nil,
        accessControl: AccessControl = .pace(),
        seed: UInt64 = 0x5EED
    ) throws {
        try self.init(
            mrz: try MRZ(lines: passport.mrzLines),
            faceImage: passport.faceImage,
            dataGroup13: nil,
            cardAccessNumber: accessControl.cardAccessNumber ?? passport.cardAccessNumber,
            pki: pki,
            misbehaviour: misbehaviour,
            accessControl: accessControl,
            seed: seed
        )
    }
}
