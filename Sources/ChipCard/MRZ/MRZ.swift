public import ChipChart
internal import Foundation

/// A machine-readable zone, checked digit by digit: an identity card's TD1 (3 lines of 30
/// characters) or a passport's TD3 (2 lines of 44).
///
/// Every check digit is verified: document number, birth date, expiry date, the optional data
/// (the Vietnamese 12-digit personal ID on a TD1, the personal number on a TD3), and the
/// composite. The Vietnamese card writes the last 9 digits of the personal ID as the document
/// number and the full ID in line 1 positions 16–27 with its own check digit at position 30.
/// Foreign identity cards and passports parse too; their ``personalID`` is `nil`.
///
/// ```swift
/// let mrz = try MRZ(lines: [
///     "IDVNM0990123459001099012345<<0",
///     "9901018M3901016VNM<<<<<<<<<<<0",
///     "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
/// ])
/// print(mrz.personalID?.birthYear ?? 0)   // 1999
/// let reading = try CardReading(mrz: mrz)
/// ```
public struct MRZ: Hashable, Sendable {
    /// The lines as read, uppercased: 3 of 30 characters (TD1) or 2 of 44 (TD3).
    public let lines: [String]
    /// The kind of document: ``ChipChart/CardReading/DocumentType/idCard`` for a TD1,
    /// ``ChipChart/CardReading/DocumentType/passport`` for a TD3.
    public let documentType: CardReading.DocumentType
    /// The document code, such as `ID`, `I<` or `P<`.
    public let documentCode: String
    /// The issuing state, such as `VNM`.
    public let issuingState: String
    /// The document number without filler (the last 9 digits of the personal ID on a CCCD).
    public let documentNumber: String
    /// The birth date as printed, `YYMMDD`.
    public let birthDateText: String
    /// The expiry date as printed, `YYMMDD`.
    public let expiryDateText: String
    /// The sex (`<` is ``Sex/undetermined``).
    public let sex: Sex
    /// The nationality, such as `VNM`.
    public let nationality: String
    /// TD1: line 1 positions 16–30; TD3: the personal number, line 2 positions 29–42; as printed.
    public let optionalData1: String
    /// TD1: line 2 positions 19–29, as printed; empty for a TD3.
    public let optionalData2: String
    /// The primary identifier (surname), with `<` read as spaces.
    public let surname: String
    /// The secondary identifier (given names), with `<` read as spaces.
    public let givenNames: String
    /// The Vietnamese personal ID from the optional data, when the document carries one.
    public let personalID: PersonalID?
    /// The birth date with its century: from the personal ID's century digit when present,
    /// otherwise the most recent past century.
    public let dateOfBirth: CalendarDate
    /// The expiry date (always in the 2000s).
    public let dateOfExpiry: CalendarDate

    /// Parses an MRZ: 3 lines of 30 characters (TD1, an identity card) or 2 lines of 44 (TD3, a
    /// passport), as ICAO Doc 9303 parts 4 and 5 lay them out (<doc:MachineReadableZones>).
    ///
    /// Whitespace at the ends of each line is ignored and letters are uppercased (OCR output).
    ///
    /// - Throws: `ValidationError` naming the field: `mrz` (neither 2 nor 3 lines),
    ///   `mrz.line1`…`mrz.line3` (length, characters), `mrz.documentCode` (a TD3 that is not a
    ///   passport), `mrz.documentNumber`, `mrz.dateOfBirth`, `mrz.dateOfExpiry`,
    ///   `mrz.personalID`, `mrz.optionalData`, `mrz.composite` (check digits and values),
    ///   `mrz.sex`.
    public init(lines rawLines: [String]) throws(ValidationError) {
        switch rawLines.count {
        case 3: self = try MRZ.parseTD1(try MRZ.normalize(rawLines, width: 30, layout: "TD1"))
        case 2: self = try MRZ.parseTD3(try MRZ.normalize(rawLines, width: 44, layout: "TD3"))
        default:
            throw ValidationError.wrongLength(
                "mrz",
                "a TD1 MRZ has 3 lines and a TD3 (passport) MRZ 2, got \(rawLines.count)"
            )
        }
    }

    /// Assembles the fields a layout found; its check digits are already verified.
    init(
        lines: [[UInt8]],
        documentType: CardReading.DocumentType,
        documentNumber: String,
        birthDateText: String,
        expiryDateText: String,
        sexCharacter: String,
        nationality: String,
        optionalData: (String, String),
        nameText: String,
        personalID: PersonalID?
    ) throws(ValidationError) {
        let texts = lines.map { String(decoding: $0, as: UTF8.self) }
        self.lines = texts
        self.documentType = documentType
        documentCode = String(texts[0].prefix(2))
        issuingState = String(texts[0].dropFirst(2).prefix(3))
        self.documentNumber = documentNumber
        self.personalID = personalID
        self.birthDateText = birthDateText
        self.expiryDateText = expiryDateText
        self.nationality = nationality
        (optionalData1, optionalData2) = optionalData
        sex = sexCharacter == "<" ? .undetermined : try Sex(parsing: sexCharacter, field: "mrz.sex")

        let birthYY = Int(birthDateText.prefix(2)) ?? -1
        let century: Int
        if let personalID {
            century = personalID.birthYear - personalID.birthYear % 100
        } else {
            let thisYear = CalendarDate(containing: Date()).year
            century = birthYY > thisYear % 100 ? (thisYear / 100 - 1) * 100 : thisYear / 100 * 100
        }
        dateOfBirth = try MRZ.date(birthDateText, century: century, field: "mrz.dateOfBirth")
        dateOfExpiry = try MRZ.date(expiryDateText, century: 2000, field: "mrz.dateOfExpiry")
        let parts = nameText.components(separatedBy: "<<")
        surname = MRZ.stripFiller(parts.first ?? "")
        givenNames = MRZ.stripFiller(parts.dropFirst().joined(separator: "<"))
    }

    /// The lines trimmed and uppercased, each checked for its width and the MRZ character set.
    static func normalize(_ rawLines: [String], width: Int, layout: String) throws(ValidationError) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for (index, raw) in rawLines.enumerated() {
            let line = Array(raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().utf8)
            let field = "mrz.line\(index + 1)"
            guard line.count == width else {
                throw ValidationError.wrongLength(field, "a \(layout) line has \(width) characters, got \(line.count)")
            }
            guard line.allSatisfy({ MRZCheckDigit.value(of: $0) != nil }) else {
                throw ValidationError.invalidCharacter(field, "only 0-9, A-Z and < are allowed")
            }
            lines.append(line)
        }
        return lines
    }

    /// The characters of `line` in `range`, as text.
    static func text(_ line: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: line[range], as: UTF8.self)
    }

    /// Verifies the check digit at `position` over the characters in `range`.
    static func check(
        _ line: [UInt8],
        _ range: Range<Int>,
        digitAt position: Int,
        field: String
    )
        throws(ValidationError)
    {
        try verify(text(line, range), digit: line[position], field: field)
    }

    /// The full name as the MRZ writes it: surname then given names, ASCII, single spaces.
    public var fullName: String {
        [surname, givenNames].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The reading this MRZ gives: ``ChipChart/CardReading/init(mrz:)``.
    @available(*, deprecated, renamed: "CardReading.init(mrz:)")
    public func reading() throws(ValidationError) -> CardReading {
        try makeReading()
    }

    /// The reading this MRZ gives, with `source` `.mrz`, checked for consistency.
    func makeReading() throws(ValidationError) -> CardReading {
        let reading = CardReading(
            source: .mrz,
            personalID: personalID,
            documentType: documentType,
            issuingState: MRZ.stripFiller(issuingState),
            nationality: MRZ.stripFiller(nationality),
            name: try PersonName(fullName, field: "mrz.name"),
            dateOfBirth: .full(dateOfBirth),
            sex: sex,
            expiryDate: dateOfExpiry,
            documentNumber: documentNumber
        )
        return try reading.validated(as: "mrz")
    }

    static func verify(_ text: String, digit: UInt8, field: String) throws(ValidationError) {
        guard let expected = MRZCheckDigit.compute(text), (0x30...0x39).contains(digit) else {
            throw ValidationError.invalidCharacter(field, "the check digit is not a digit")
        }
        guard expected == Int(digit - 0x30) else {
            throw ValidationError.checkDigitMismatch(field, "the check digit does not match")
        }
    }

    static func stripFiller(_ text: String) -> String {
        text.split(separator: "<", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func date(_ yymmdd: String, century: Int, field: String) throws(ValidationError) -> CalendarDate {
        let characters = Array(yymmdd.utf8)
        guard characters.count == 6, characters.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw ValidationError.invalidFormat(field, "expected YYMMDD digits")
        }
        let values = stride(from: 0, to: 6, by: 2).map {
            Int(characters[$0] - 0x30) * 10 + Int(characters[$0 + 1] - 0x30)
        }
        return try CalendarDate(year: century + values[0], month: values[1], day: values[2], field: field)
    }
}

extension CardReading {
    /// The reading an MRZ gives, with `source` `.mrz`, checked for consistency.
    ///
    /// A passport or a foreign identity card gives a reading without a personal ID, identified by
    /// its document number and issuing state (``ChipChart/CardReading/passportNumber``).
    ///
    /// - Throws: `ValidationError`: `mrz.personalID` (`missing`) for a Vietnamese identity card
    ///   without the personal ID, `mrz.documentNumber` for a foreign document whose number cannot
    ///   identify its holder, `mrz.name`, or an inconsistency between the ID and the dates or sex.
    public init(mrz: MRZ) throws(ValidationError) {
        self = try mrz.makeReading()
    }
}
