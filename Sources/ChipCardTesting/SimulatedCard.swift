public import ChipCard
public import ChipChart
internal import Foundation

/// What a simulated chip ID card states about its holder: the source of its MRZ, DG1, DG2 and
/// DG13.
///
/// ```swift
/// var card = try SimulatedCard.sample
/// card.religion = "Phật giáo"
/// let chip = try SimulatedChip(card: card, pki: SimulatedPKI())
/// ```
public struct SimulatedCard: Hashable, Sendable {
    /// The personal ID (12 digits).
    public var personalID: PersonalID
    /// The full name with diacritics.
    public var fullName: String
    /// The birth date.
    public var dateOfBirth: CalendarDate
    /// The sex.
    public var sex: Sex
    /// The issue date.
    public var issueDate: CalendarDate
    /// The expiry date, `nil` for "Không thời hạn".
    public var expiryDate: CalendarDate?
    /// The permanent address.
    public var address: String
    /// Nationality as DG13 writes it.
    public var nationality: String = "Việt Nam"
    /// Ethnicity.
    public var ethnicity: String = "Kinh"
    /// Religion.
    public var religion: String = "Không"
    /// Place of origin.
    public var placeOfOrigin: String
    /// Identifying marks.
    public var identifyingMarks: String = "Nốt ruồi cách 2cm trên đầu lông mày phải"
    /// Father's name.
    public var fatherName: String?
    /// Mother's name.
    public var motherName: String?
    /// Spouse's name.
    public var spouseName: String?
    /// The old CMND number, written to DG13 field 15.
    public var legacyID: String?
    /// The face image bytes of DG2.
    public var faceImage: [UInt8] = [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9,
    ]

    /// Creates a card.
    public init(
        personalID: PersonalID,
        fullName: String,
        dateOfBirth: CalendarDate,
        sex: Sex,
        issueDate: CalendarDate,
        expiryDate: CalendarDate?,
        address: String,
        placeOfOrigin: String
    ) {
        self.personalID = personalID
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.issueDate = issueDate
        self.expiryDate = expiryDate
        self.address = address
        self.placeOfOrigin = placeOfOrigin
    }

    /// The synthetic holder the tests and docs use throughout: ID 001099012345, Nguyễn Văn A, born 1999-01-01, card
    /// issued 2021-04-15, expiring 2039-01-01.
    public static var sample: SimulatedCard {
        get throws(ValidationError) {
            var card = SimulatedCard(
                personalID: try PersonalID("001099012345"),
                fullName: "Nguyễn Văn A",
                dateOfBirth: try CalendarDate(year: 1999, month: 1, day: 1),
                sex: .male,
                issueDate: try CalendarDate(year: 2021, month: 4, day: 15),
                expiryDate: try CalendarDate(year: 2039, month: 1, day: 1),
                address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
                placeOfOrigin: "Hoàn Kiếm, Hà Nội"
            )
            card.fatherName = "Nguyễn Văn B"
            card.motherName = "Trần Thị C"
            card.legacyID = "012345678"
            return card
        }
    }

    /// The three MRZ lines, check digits computed.
    public var mrzLines: [String] {
        let id = personalID.digits
        let document = String(id.suffix(9))
        let line1Body = "IDVNM" + document + digit(document) + id + "<<"
        let line1 = line1Body + digit(id)
        let expiry = (expiryDate ?? CalendarDate.farFuture).yymmdd
        let birth = dateOfBirth.yymmdd
        let sexLetter = sex == .male ? "M" : sex == .female ? "F" : "<"
        let optional = String(repeating: "<", count: 11)
        let composite = String(line1.dropFirst(5)) + birth + digit(birth) + expiry + digit(expiry) + optional
        let line2 = birth + digit(birth) + sexLetter + expiry + digit(expiry) + "VNM" + optional + digit(composite)
        let words = PersonName.fold(fullName).uppercased().split(separator: " ").map(String.init)
        var line3 = (words.first ?? "") + "<<" + words.dropFirst().joined(separator: "<")
        line3 = String(line3.prefix(30))
        line3 += String(repeating: "<", count: 30 - line3.count)
        return [line1, line2, line3]
    }

    /// DG13 contents, fields 1–15 as present, in the order the chip stores them.
    public var dataGroup13: DataGroup13 {
        var fields: [Int: DataGroup13.Value] = [
            1: .text(personalID.digits), 2: .text(fullName), 3: .text(dateOfBirth.slashed), 4: .text(sex.vietnamese),
            5: .text(nationality), 6: .text(ethnicity), 7: .text(religion), 8: .text(placeOfOrigin), 9: .text(address),
            10: .text(identifyingMarks), 11: .text(issueDate.slashed),
            12: .text(expiryDate?.slashed ?? "Không thời hạn"),
            13: .list([fatherName ?? "", motherName ?? ""]),
        ]
        if let spouseName { fields[14] = .list([spouseName]) }
        if let legacyID { fields[15] = .text(legacyID) }
        return DataGroup13(fields: fields)
    }

    private func digit(_ text: String) -> String { String(MRZCheckDigit.compute(text) ?? 0) }
}

extension CalendarDate {
    var yymmdd: String {
        let values = [year % 100, month, day]
        return values.map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
    }

    /// 2099-12-31, the MRZ expiry written for a card without expiry.
    static let farFuture = CalendarDate(containing: Date(timeIntervalSince1970: 4_102_358_400))
}
