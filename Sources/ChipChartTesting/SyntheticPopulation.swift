public import ChipChart
import Foundation

/// A reproducible synthetic population: realistic Vietnamese names, valid personal IDs and
/// insurance cards, for tests, examples and benchmarks. No real person's data.
///
/// ```swift
/// let population = SyntheticPopulation(seed: 7)
/// for person in try population.people(count: 10) { print(person.personalID) }
/// ```
public struct SyntheticPopulation: Sendable {
    /// One synthetic person: what their card says and, if insured, their insurance card.
    public struct Person: Sendable {
        /// The ID card's reading (as the QR gives it).
        public var reading: CardReading
        /// The personal ID on the ID card (the reading's).
        public var personalID: PersonalID
        /// The insurance card, when insured.
        public var insuranceCard: InsuranceCardCode?
        /// The insurance card's validity.
        public var cardValidity: DatePeriod
        /// The index of the person in the population (stable for a seed).
        public var index: Int

        /// The card's QR payload: `ID|CMND|name|ddMMyyyy|Nam/Nữ|address|ddMMyyyy`.
        public var qrPayload: String {
            let birth = reading.dateOfBirth.date.map { String($0.slashed.filter { $0 != "/" }) } ?? ""
            let issue = reading.issueDate.map { String($0.slashed.filter { $0 != "/" }) } ?? ""
            return [
                personalID.digits, reading.legacyID?.digits ?? "", reading.name.text, birth,
                reading.sex.vietnamese, reading.address ?? "", issue,
            ].joined(separator: "|")
        }
    }

    /// The seed.
    public let seed: UInt64
    /// The day ages are computed on.
    public let referenceDate: CalendarDate

    /// A population for a seed, with ages as of `referenceDate`.
    public init(seed: UInt64, referenceDate: CalendarDate = SyntheticPopulation.defaultReferenceDate) {
        self.seed = seed
        self.referenceDate = referenceDate
    }

    /// 2026-03-02 (noon in Vietnam).
    public static let defaultReferenceDate = CalendarDate(containing: Date(timeIntervalSince1970: 1_772_427_600))

    /// The first `count` people. Personal IDs and social insurance numbers are unique within a
    /// population.
    ///
    /// - Throws: ``ValidationError`` only if the generator made an invalid value (a bug).
    public func people(count: Int) throws -> [Person] {
        try (0..<count).map { try person(at: $0) }
    }

    /// The person at an index (the same for the same seed and index).
    ///
    /// - Throws: ``ValidationError`` only if the generator made an invalid value (a bug).
    public func person(at index: Int) throws -> Person {
        var random = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(index))
        let female = random.next() % 2 == 1
        let daysOld = Int(random.next() % UInt64(90 * 365)) + 1
        let birth = referenceDate.adding(days: -daysOld)
        let age = DateOfBirth.full(birth).age(on: referenceDate)
        let birthYear = birth.year
        let province = Self.provinceCodes[Int(random.next() % UInt64(Self.provinceCodes.count))]
        let century = (birthYear / 100 - 19) * 2 + (female ? 1 : 0)
        // The six random digits carry the index, so IDs never collide within a population.
        let serial = (UInt64(index) &* 7919 &+ seed % 1000) % 1_000_000
        let idText =
            "0" + pad(province, 2) + String(century) + pad(birthYear % 100, 2) + pad(Int(serial), 6)
        let surname = Self.surnames[Int(random.next() % UInt64(Self.surnames.count))]
        let middle = (female ? Self.femaleMiddle : Self.maleMiddle)[Int(random.next() % 4)]
        let given = (female ? Self.femaleGiven : Self.maleGiven)[Int(random.next() % UInt64(Self.maleGiven.count))]
        let street = Self.streets[Int(random.next() % UInt64(Self.streets.count))]
        let card = Self.idCard(birth: birth, on: referenceDate, draw: random.next())
        // People old enough to have held the 9-digit CMND before 2021 keep its number.
        let legacy = age >= 18 && random.next() % 10 < 4 ? pad(Int(random.next() % 1_000_000_000), 9) : nil
        let personalID = try PersonalID(idText)
        let reading = CardReading(
            source: .qr,
            personalID: personalID,
            legacyID: try legacy.map { try LegacyIDNumber($0) },
            name: try PersonName("\(surname) \(middle) \(given)"),
            dateOfBirth: .full(birth),
            sex: female ? .female : .male,
            address: "Số \(Int(random.next() % 200) + 1) \(street)",
            issueDate: card.issued,
            expiryDate: card.expiry,
            hasNoExpiry: card.issued != nil && card.expiry == nil
        )
        let group =
            age < 6
            ? "TE1"
            : age < 18 ? "HS4" : age < 23 ? "SV4" : age >= 60 ? "HT3" : ["DN4", "HC4", "GD4"][Int(random.next() % 3)]
        let insured = random.next() % 10 < 9
        let cardText = group + pad(province, 2) + socialInsuranceDigits(at: index)
        let validFrom = try CalendarDate(year: referenceDate.year, month: 1, day: 1)
        let validTo = try CalendarDate(year: referenceDate.year, month: 12, day: 31)
        return Person(
            reading: reading,
            personalID: personalID,
            insuranceCard: insured ? try InsuranceCardCode(cardText) : nil,
            cardValidity: try DatePeriod(start: validFrom, end: validTo),
            index: index
        )
    }

    /// A staff member for a role (synthetic, valid personal ID).
    ///
    /// - Throws: ``ValidationError`` only if the generator made an invalid value (a bug).
    public func staff(role: Staff.Role = .receptionist) throws -> Staff {
        Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"), role: role)
    }

    /// The chip card a person born on `birth` holds on `day`, from one random draw: issued on a
    /// day between the first they could hold one (their 14th birthday, not before the chip card
    /// began in 2021; for a younger child, not before 01/07/2024) and `day`; expiring at the next
    /// renewal age (``expiry(birth:issued:)``). No card when none could be issued yet.
    static func idCard(
        birth: CalendarDate,
        on day: CalendarDate,
        draw: UInt64
    ) -> (issued: CalendarDate?, expiry: CalendarDate?) {
        let fourteenth = birthday(of: birth, at: 14)
        let earliest =
            fourteenth <= day
            ? max(fourteenth, CardReading.firstChipIssueDate) : max(birth, CardReading.firstIdentityCardIssueDate)
        guard earliest <= day else { return (nil, nil) }
        let issued = earliest.adding(days: Int(draw % UInt64(earliest.days(until: day) + 1)))
        return (issued, expiry(birth: birth, issued: issued))
    }

    /// A card is renewed at 14, 25, 40 and 60, and is valid until that birthday; one issued
    /// within two years before a renewal age stays valid until the next, so one issued from 58
    /// on never expires (`nil`).
    static func expiry(birth: CalendarDate, issued: CalendarDate) -> CalendarDate? {
        let renewal = [14, 25, 40, 60].first { issued < birthday(of: birth, at: $0 - 2) }
        return renewal.map { birthday(of: birth, at: $0) }
    }

    /// The birthday at an age (28 February for one born on 29 February, in a common year).
    static func birthday(of birth: CalendarDate, at age: Int) -> CalendarDate {
        let year = birth.year + age
        return (try? CalendarDate(year: year, month: birth.month, day: birth.day))
            ?? (try? CalendarDate(year: year, month: birth.month, day: 28)) ?? birth
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static let provinceCodes = [1, 1, 1, 79, 79, 79, 31, 48, 92, 38, 40, 36, 34, 27, 75, 74, 56, 46, 22, 89]
    private static let surnames = [
        "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
        "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    ]
    private static let maleMiddle = ["Văn", "Đức", "Minh", "Quốc"]
    private static let femaleMiddle = ["Thị", "Ngọc", "Thu", "Thanh"]
    private static let maleGiven = [
        "An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn",
    ]
    private static let femaleGiven = [
        "Anh", "Chi", "Dung", "Hà", "Hương", "Lan", "Linh", "Mai", "Ngân", "Phương", "Thảo", "Trang",
    ]
    private static let streets = [
        "Phố Huế, Hai Bà Trưng, Hà Nội", "Lê Lợi, Quận 1, TP Hồ Chí Minh", "Trần Phú, Hải Châu, Đà Nẵng",
        "Nguyễn Trãi, Thanh Xuân, Hà Nội", "Lạch Tray, Ngô Quyền, Hải Phòng", "Hòa Bình, Ninh Kiều, Cần Thơ",
    ]
}
