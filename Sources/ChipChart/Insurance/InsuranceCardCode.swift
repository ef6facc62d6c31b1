import Foundation

/// The 15-character health-insurance card code `XX N PP BBBBBBBBBB` (mã thẻ BHYT).
///
/// Beneficiary group, benefit level, province of issue, and the lifelong social insurance number.
/// The group and level change when a person's situation changes; the last ten never change.
///
/// ```swift
/// let code = try InsuranceCardCode("DN4010123456789")
/// print(code.group.code)                       // "DN"
/// print(code.level.digit)                      // 4
/// print(code.province.name)                    // "Hà Nội"
/// print(code.socialInsuranceNumber.digits)     // "0123456789"
/// ```
///
/// Cross-checks: the level digit must be the group's level (`DN1…` is rejected, naming
/// `insuranceCardCode.benefitLevel`), and the province must be known.
public struct InsuranceCardCode: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The fifteen characters, uppercased.
    public let value: String
    /// The beneficiary group (characters 1–2).
    public let group: BeneficiaryGroup
    /// The benefit level (character 3).
    public let level: BenefitLevel
    /// The province that issued the card (characters 4–5).
    public let province: Province
    /// The social insurance number (characters 6–15).
    public let socialInsuranceNumber: SocialInsuranceNumber

    /// Validates and splits a card code.
    ///
    /// - Throws: ``ValidationError`` whose field names the failing part:
    ///   `insuranceCardCode` (length, characters), `insuranceCardCode.group`,
    ///   `insuranceCardCode.benefitLevel`, `insuranceCardCode.province`.
    public init(_ text: some StringProtocol, field: String = "insuranceCardCode") throws(ValidationError) {
        let parts: Parts
        if let plain = Self.plainParts(text) {
            parts = plain
        } else {
            parts = try Self.parts(text, field: field)
        }
        let value = parts.value
        let group = try BeneficiaryGroup(parts.group, field: "\(field).group")
        let level = try BenefitLevel(parts.level, field: "\(field).benefitLevel")
        if group.hasConfirmedLevel, group.level != level {
            throw ValidationError.inconsistent(
                "\(field).benefitLevel",
                "group \(group.code) has benefit level \(group.level.digit), the card says \(level.digit)"
            )
        }
        let province = try Province(code: parts.province, field: "\(field).province")
        self.value = value
        self.group = group
        self.level = level
        self.province = province
        self.socialInsuranceNumber = try SocialInsuranceNumber(parts.socialInsuranceNumber, field: field)
    }

    /// The pieces of a code's text: the whole code, the group's letters, the benefit level's
    /// digit, the province's code and the social insurance number.
    private struct Parts {
        let value: String
        let group: String
        let level: Int
        let province: Int
        let socialInsuranceNumber: String
    }

    /// The pieces of a code written as stored — two letters A–Z and thirteen digits, nothing
    /// else — read from its bytes; `nil` for any other text, which ``parts(_:field:)`` reads.
    /// For such a text, trimming and uppercasing change nothing and every check of
    /// ``parts(_:field:)`` passes, so both give the same pieces.
    private static func plainParts(_ text: some StringProtocol) -> Parts? {
        let utf8 = text.utf8
        guard utf8.count == 15 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(15)
        for (index, byte) in utf8.enumerated() {
            let plain =
                index < 2
                ? (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            guard plain else { return nil }
            bytes.append(byte)
        }
        func digit(_ index: Int) -> Int { Int(bytes[index] - UInt8(ascii: "0")) }
        return Parts(
            value: String(decoding: bytes, as: UTF8.self),
            group: String(decoding: bytes[0..<2], as: UTF8.self),
            level: digit(2),
            province: digit(3) * 10 + digit(4),
            socialInsuranceNumber: String(decoding: bytes[5...], as: UTF8.self)
        )
    }

    /// The pieces of any text: trimmed, uppercased, checked as 15 characters, two ASCII letters
    /// then ASCII digits.
    private static func parts(_ text: some StringProtocol, field: String) throws(ValidationError) -> Parts {
        let value = String(text).trimmingASCIIWhitespace().uppercased()
        try TextCheck.checkLength(value, 15...15, field: field) {
            "a card code has 15 characters, got \($0)"
        }
        let chars = Array(value)
        let groupText = String(chars[0..<2])
        guard groupText.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError.invalidCharacter("\(field).group", "the group is two ASCII letters A–Z")
        }
        _ = try BeneficiaryGroup(groupText, field: "\(field).group")
        guard String(chars[2...]).isASCIIDigits else {
            throw ValidationError.invalidCharacter(
                field,
                "characters 3–15 are the ASCII digits 0–9; "
                    + TextCheck.offending(in: String(chars[2...]), allowing: { _ in false })
            )
        }
        return Parts(
            value: value,
            group: groupText,
            level: Int(String(chars[2])) ?? 0,
            province: Int(String(chars[3..<5])) ?? -1,
            socialInsuranceNumber: String(chars[5...])
        )
    }

    /// The form for logs: group, level and province, then the number masked.
    public var masked: String { value.prefix(5) + socialInsuranceNumber.masked }

    /// The masked form.
    public var description: String { masked }

    /// The text stored: ``value``.
    public var storedText: String { value }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }
}
