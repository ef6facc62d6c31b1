public import ChipChart
internal import Foundation

/// The QR code printed on the chip ID card: one UTF-8 line of `|`-separated fields.
///
/// Fields: personal ID, old CMND number (may be empty), full name, birth date `ddMMyyyy`, sex
/// `Nam`/`Nữ`, permanent address, issue date `ddMMyyyy`. Every `|` separates, so an empty field
/// keeps its place; fields past the seventh (the 2024 card's family members, cancelled numbers)
/// are kept raw in ``CardReading/rawFields`` as `qr.8`, `qr.9` …
///
/// ```swift
/// let reading = try CardReading(
///     qrCode: "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hà Nội|15042021"
/// )
/// print(reading.name.text)   // "Nguyễn Văn A"
/// ```
public enum QRCode {
    /// The longest payload accepted, in UTF-8 bytes (a card's QR holds far less).
    public static let maximumPayloadBytes = 4096

    /// Parses a payload into a reading with `source` `.qr`: ``ChipChart/CardReading/init(qrCode:)``.
    @available(*, deprecated, renamed: "CardReading.init(qrCode:)")
    public static func reading(from payload: String) throws(ValidationError) -> CardReading {
        try parse(payload)
    }

    /// Parses a payload into a reading with `source` `.qr`.
    ///
    /// The text is normalised to Unicode NFC and whitespace (a scanner's CR/LF) is stripped at
    /// the ends only.
    ///
    /// - Throws: `ValidationError` naming the field: `qr` (too few fields, too long),
    ///   `qr.personalID`, `qr.legacyID`, `qr.name`, `qr.dateOfBirth`, `qr.sex`, `qr.issueDate`
    ///   (also before 2016, when no such card was issued, or before the birth), `qr.address`
    ///   (a control or format character), or an inconsistency between the ID and the birth
    ///   year or sex (`CardReading.validate()`; dates in the future are checked against a day,
    ///   with `CardReading.validate(today:)`).
    static func parse(_ payload: String) throws(ValidationError) -> CardReading {
        guard payload.utf8.count <= maximumPayloadBytes else {
            throw ValidationError.wrongLength("qr", "the payload is longer than \(maximumPayloadBytes) bytes")
        }
        let text = payload.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        let fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 7 else {
            throw ValidationError.invalidFormat("qr", "expected at least 7 fields separated by |, got \(fields.count)")
        }
        let personalID = try PersonalID(fields[0], field: "qr.personalID")
        let legacy = fields[1].trimmingCharacters(in: .whitespaces)
        let legacyID = legacy.isEmpty ? nil : try LegacyIDNumber(legacy, field: "qr.legacyID")
        let name = try PersonName(fields[2], field: "qr.name")
        let dateOfBirth = try DateOfBirth(parsing: fields[3], field: "qr.dateOfBirth")
        let sex = try Sex(parsing: fields[4], field: "qr.sex")
        let address = fields[5].trimmingCharacters(in: .whitespaces)
        let issue = fields[6].trimmingCharacters(in: .whitespaces)
        let issueDate = issue.isEmpty ? nil : try CalendarDate(parsing: issue, field: "qr.issueDate")
        var rawFields: [String: String] = [:]
        for (index, field) in fields.enumerated().dropFirst(7) {
            rawFields["qr.\(index + 1)"] = field
        }
        let reading = CardReading(
            source: .qr,
            personalID: personalID,
            legacyID: legacyID,
            name: name,
            dateOfBirth: dateOfBirth,
            sex: sex,
            address: address.isEmpty ? nil : address,
            issueDate: issueDate,
            rawFields: rawFields
        )
        return try reading.validated(as: "qr")
    }
}

extension CardReading {
    /// The reading a card's QR payload gives, with `source` `.qr`.
    ///
    /// The text is normalised to Unicode NFC and whitespace (a scanner's CR/LF) is stripped at
    /// the ends only.
    ///
    /// - Throws: `ValidationError` naming the field: `qr` (too few fields, longer than
    ///   ``QRCode/maximumPayloadBytes``), `qr.personalID`, `qr.legacyID`, `qr.name`,
    ///   `qr.dateOfBirth`, `qr.sex`, `qr.issueDate` (also before 2016, when no such card was
    ///   issued, or before the birth), `qr.address` (a control or format character), or an
    ///   inconsistency between the ID and the birth year or sex.
    public init(qrCode payload: String) throws(ValidationError) {
        self = try QRCode.parse(payload)
    }
}
