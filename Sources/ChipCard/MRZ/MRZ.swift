public import ChipChart
internal import Foundation

/// A TD1 machine-readable zone (3 lines of 30 characters), checked digit by digit.
///
/// Every check digit is verified: document number, birth date, expiry date, the Vietnamese
/// 12-digit personal ID in the optional data, and the composite. The Vietnamese card writes the
/// last 9 digits of the personal ID as the document number and the full ID in line 1 positions
/// 16–27 with its own check digit at position 30. Other TD1 documents (the ICAO specimen) parse
/// too; their ``personalID`` is `nil`.
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
    /// The three lines as read, uppercased.
    public let lines: [String]
    /// The document code, such as `ID` or `I<`.
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
    /// Line 1 positions 16–30, as printed.
    public let optionalData1: String
    /// Line 2 positions 19–29, as printed.
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

    /// Parses three lines of 30 characters.
    ///
    /// Whitespace at the ends of each line is ignored and letters are uppercased (OCR output).
    ///
    /// - Throws: `ValidationError` naming the field: `mrz.line1`…`mrz.line3` (length,
    ///   characters), `mrz.documentNumber`, `mrz.dateOfBirth`, `mrz.dateOfExpiry`,
    ///   `mrz.personalID`, `mrz.composite` (check digits and values), `mrz.sex`.
    public init(lines rawLines: [String]) throws(ValidationError) {
        guard rawLines.count == 3 else {
            throw ValidationError(
                field: "mrz",
                reason: .wrongLength,
                message: "a TD1 MRZ has 3 lines, got \(rawLines.count)"
            )
        }
        var lines: [[UInt8]] = []
        for (index, raw) in rawLines.enumerated() {
            let line = Array(raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().utf8)
            let field = "mrz.line\(index + 1)"
            guard line.count == 30 else {
                throw ValidationError(
                    field: field,
                    reason: .wrongLength,
                    message: "a TD1 line has 30 characters, got \(line.count)"
                )
            }
            guard line.allSatisfy({ MRZCheckDigit.value(of: $0) != nil }) else {
                throw ValidationError(
                    field: field,
                    reason: .invalidCharacter,
                    message: "only 0-9, A-Z and < are allowed"
                )
            }
            lines.append(line)
        }
        let line1 = lines[0]
        let line2 = lines[1]
        func text(_ line: [UInt8], _ range: Range<Int>) -> String { String(decoding: line[range], as: UTF8.self) }
        func check(_ line: [UInt8], _ range: Range<Int>, digitAt position: Int, field: String) throws(ValidationError) {
            try MRZ.verify(text(line, range), digit: line[position], field: field)
        }

        self.lines = lines.map { String(decoding: $0, as: UTF8.self) }
        documentCode = text(line1, 0..<2)
        issuingState = text(line1, 2..<5)
        optionalData1 = text(line1, 15..<30)
        // A document number longer than 9 characters continues in the optional data (`<` at 15).
        if line1[14] == 0x3C, let end = line1[15..<30].firstIndex(of: 0x3C), end > 15 {
            let full = text(line1, 5..<14) + text(line1, 15..<(end - 1))
            try MRZ.verify(full, digit: line1[end - 1], field: "mrz.documentNumber")
            documentNumber = full
        } else {
            try check(line1, 5..<14, digitAt: 14, field: "mrz.documentNumber")
            documentNumber = MRZ.stripFiller(text(line1, 5..<14))
        }
        try check(line2, 0..<6, digitAt: 6, field: "mrz.dateOfBirth")
        try check(line2, 8..<14, digitAt: 14, field: "mrz.dateOfExpiry")

        let parsedID: PersonalID?
        if issuingState == "VNM", line1[15..<27].allSatisfy({ (0x30...0x39).contains($0) }) {
            try check(line1, 15..<27, digitAt: 29, field: "mrz.personalID")
            parsedID = try PersonalID(text(line1, 15..<27), field: "mrz.personalID")
        } else {
            parsedID = nil
        }
        let composite = line1[5..<30] + line2[0..<7] + line2[8..<15] + line2[18..<29]
        try MRZ.verify(String(decoding: composite, as: UTF8.self), digit: line2[29], field: "mrz.composite")
        personalID = parsedID
        birthDateText = text(line2, 0..<6)
        expiryDateText = text(line2, 8..<14)
        nationality = text(line2, 15..<18)
        optionalData2 = text(line2, 18..<29)
        sex = line2[7] == 0x3C ? .undetermined : try Sex(parsing: text(line2, 7..<8), field: "mrz.sex")

        let birthYY = Int(text(line2, 0..<2)) ?? -1
        let century: Int
        if let personalID {
            century = personalID.birthYear - personalID.birthYear % 100
        } else {
            let thisYear = CalendarDate(containing: Date()).year
            century = birthYY > thisYear % 100 ? (thisYear / 100 - 1) * 100 : thisYear / 100 * 100
        }
        dateOfBirth = try MRZ.date(birthDateText, century: century, field: "mrz.dateOfBirth")
        dateOfExpiry = try MRZ.date(expiryDateText, century: 2000, field: "mrz.dateOfExpiry")
        let nameLine = self.lines[2]
        let parts = nameLine.components(separatedBy: "<<")
        surname = MRZ.stripFiller(parts.first ?? "")
        givenNames = MRZ.stripFiller(parts.dropFirst().joined(separator: "<"))
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
        guard let personalID else {
            throw ValidationError(
                field: "mrz.personalID",
                reason: .missing,
                message: "the MRZ holds no Vietnamese personal ID"
            )
        }
        let reading = CardReading(
            source: .mrz,
            personalID: personalID,
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
            throw ValidationError(field: field, reason: .invalidCharacter, message: "the check digit is not a digit")
        }
        guard expected == Int(digit - 0x30) else {
            throw ValidationError(field: field, reason: .checkDigitMismatch, message: "the check digit does not match")
        }
    }

    static func stripFiller(_ text: String) -> String {
        text.split(separator: "<", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func date(_ yymmdd: String, century: Int, field: String) throws(ValidationError) -> CalendarDate {
        let characters = Array(yymmdd.utf8)
        guard characters.count == 6, characters.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw ValidationError(field: field, reason: .invalidFormat, message: "expected YYMMDD digits")
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
    /// - Throws: `ValidationError`: `mrz.personalID` (`missing`) for a document without a
    ///   Vietnamese personal ID, `mrz.name`, or an inconsistency between the ID and the dates or sex.
    public init(mrz: MRZ) throws(ValidationError) {
        self = try mrz.makeReading()
    }
}
