import Foundation

/// The 12-digit personal identification number (số định danh cá nhân) of the chip ID card.
///
/// Layout `PPP G YY RRRRRR`: where the birth was registered (`0` + a province code, or a foreign
/// country code 101–295), a digit that encodes century and sex together, the last two digits of
/// the birth year, and six random digits. There is no check digit, so validation is the shape, a
/// known prefix, and consistency with the card's other data (``checkConsistency(birthYear:sex:)``).
///
/// ```swift
/// let id = try PersonalID("001099012345")
/// print(id.birthYear)     // 1999
/// print(id.sex)           // .male
/// print(id.masked)        // "001*******45"
/// print("\(id)")          // "001*******45": interpolation never leaks the number
/// ```
///
/// The number is the lookup key for a patient, not a row's primary key: a person can hold
/// several over a lifetime (see ``Patient/identifiers``).
public struct PersonalID: Hashable, Comparable, Sendable, StoredAsText, CustomStringConvertible {
    /// Where a birth was registered, read from the first three digits.
    public enum BirthRegistration: Hashable, Sendable {
        /// In a Vietnamese province (prefix `0` + code).
        case province(Province)
        /// Abroad, with the foreign-country code 101–295.
        case abroad(countryCode: Int)
    }

    /// The twelve digits.
    public let digits: String

    /// Validates twelve ASCII digits with a known prefix.
    ///
    /// Leading and trailing whitespace is ignored; anything else that is not a digit is rejected.
    ///
    /// - Throws: ``ValidationError`` for field `field`: `wrongLength`, `invalidCharacter` or
    ///   `unknownCode` (the prefix).
    public init(_ text: some StringProtocol, field: String = "personalID") throws(ValidationError) {
        let value = String(text).trimmingASCIIWhitespace()
        guard !value.isEmpty else {
            throw ValidationError.missing(field, "no personal ID given")
        }
        try TextCheck.checkLength(value, 12...12, field: field) {
            "a personal ID has 12 digits, got \($0) characters"
        }
        try TextCheck.checkASCIIDigits(value, field: field, what: "a personal ID")
        let prefix = Int(value.prefix(3)) ?? 0
        if value.hasPrefix("0") {
            guard Province.names[prefix] != nil else {
                throw ValidationError.unknownCode(field, "prefix \(value.prefix(3)) is not a province code")
            }
        } else {
            guard (101...295).contains(prefix) else {
                throw ValidationError.unknownCode(
                    field,
                    "prefix \(value.prefix(3)) is neither a province nor a country code (101–295)"
                )
            }
        }
        self.digits = value
    }

    /// Where the birth was registered.
    public var birthRegistration: BirthRegistration {
        let prefix = Int(digits.prefix(3)) ?? 0
        if prefix < 100, let province = try? Province(code: prefix) {
            return .province(province)
        }
        return .abroad(countryCode: prefix)
    }

    /// The century-and-sex digit `G` (0–9).
    public var centuryDigit: Int { Int(digit(at: 3)) }

    /// The sex the number encodes: even `G` is male, odd is female.
    public var sex: Sex { centuryDigit % 2 == 0 ? .male : .female }

    /// The full birth year: `(G / 2 + 19) × 100 + YY`.
    public var birthYear: Int { (centuryDigit / 2 + 19) * 100 + Int(digit(at: 4)) * 10 + Int(digit(at: 5)) }

    /// The form for logs: first three and last two digits, the rest `*` (`001*******45`).
    public var masked: String { digits.prefix(3) + String(repeating: "*", count: 7) + digits.suffix(2) }

    /// The masked form: string interpolation and logs never carry the full number.
    public var description: String { masked }

    /// The last six digits: the card access number (CAN) some chips accept for PACE.
    public var cardAccessNumber: String { String(digits.suffix(6)) }

    /// Checks the number against the birth year and sex the card states elsewhere.
    ///
    /// - Throws: ``ValidationError`` (`inconsistent`) naming `birthYear` or `sex`.
    public func checkConsistency(birthYear: Int?, sex: Sex?, field: String = "personalID") throws(ValidationError) {
        if let birthYear, birthYear != self.birthYear {
            throw ValidationError.inconsistent(
                field,
                "the number encodes birth year \(self.birthYear), the card says \(birthYear)"
            )
        }
        if let sex, sex != .undetermined, sex != self.sex {
            throw ValidationError.inconsistent(
                field,
                "the number encodes sex \(self.sex.rawValue), the card says \(sex.rawValue)"
            )
        }
    }

    /// Orders by the digits.
    public static func < (lhs: PersonalID, rhs: PersonalID) -> Bool { lhs.digits < rhs.digits }

    /// The text stored: ``digits``.
    public var storedText: String { digits }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }

    private func digit(at offset: Int) -> UInt8 {
        digits.utf8[digits.utf8.index(digits.utf8.startIndex, offsetBy: offset)] - 0x30
    }
}

extension String {
    /// The string without ASCII spaces, tabs, CR and LF at either end.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
