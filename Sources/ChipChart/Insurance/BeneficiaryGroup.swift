import Foundation

/// The beneficiary group (mã đối tượng), the first two letters of an insurance card code.
///
/// Each group belongs to one ``BenefitLevel`` (docs/VIETNAM-RULES.md §2). `TV` exists but its level is not
/// confirmed, so any level is accepted for it (``hasConfirmedLevel`` is false).
///
/// ```swift
/// let group = try BeneficiaryGroup("DN")   // company employee
/// print(group.level.digit)                  // 4
/// ```
public struct BeneficiaryGroup: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The two uppercase letters.
    public let code: String

    /// A known group.
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`) for a code outside the table.
    public init(_ code: some StringProtocol, field: String = "beneficiaryGroup") throws(ValidationError) {
        let value = String(code).uppercased()
        guard BeneficiaryGroup.table[value] != nil else {
            throw ValidationError.unknownCode(field, "\(value) is not a known beneficiary group")
        }
        self.code = value
    }

    /// The benefit level of the group (for `TV`, whose level is open, level 4 is assumed).
    public var level: BenefitLevel { BenefitLevel(trusted: BeneficiaryGroup.table[code]?.level ?? 4) }

    /// False for groups whose level is not confirmed (`TV`): any card level is then accepted.
    public var hasConfirmedLevel: Bool { BeneficiaryGroup.table[code]?.confirmed ?? false }

    /// What the group covers, in English.
    public var meaning: String { BeneficiaryGroup.table[code]?.meaning ?? "" }

    /// True for groups insured through the Defence or Public Security offices (`QN`, `CA`, `CY`):
    /// the civil portal answers 001/002 for them.
    public var isManagedOutsideCivilInsurer: Bool { ["QN", "CA", "CY"].contains(code) }

    /// Every known group.
    public static var all: [BeneficiaryGroup] {
        table.keys.sorted().compactMap { try? BeneficiaryGroup($0) }
    }

    /// The two letters.
    public var description: String { code }

    /// The text stored: ``code``.
    public var storedText: String { code }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }

    private struct Entry {
        let level: Int
        let meaning: String
        var confirmed = true
    }

    // docs/VIETNAM-RULES.md §2, from Decision 1351/QĐ-BHXH.
    private static let table: [String: Entry] = [
        "CC": Entry(level: 1, meaning: "person with meritorious service to the revolution"),
        "TE": Entry(level: 1, meaning: "child under 6"),
        "CK": Entry(level: 2, meaning: "person with meritorious service, other"),
        "CB": Entry(level: 2, meaning: "relative of a person with meritorious service"),
        "KC": Entry(level: 2, meaning: "resistance participant"),
        "HN": Entry(level: 2, meaning: "poor household"),
        "DT": Entry(level: 2, meaning: "ethnic minority in a difficult area"),
        "DK": Entry(level: 2, meaning: "resident of an extremely difficult area"),
        "XD": Entry(level: 2, meaning: "resident of an island commune or district"),
        "BT": Entry(level: 2, meaning: "social protection beneficiary"),
        "TS": Entry(level: 2, meaning: "relative of a martyr"),
        "HT": Entry(level: 3, meaning: "pensioner"),
        "TC": Entry(level: 3, meaning: "person on a work-accident or occupational-disease allowance"),
        "CN": Entry(level: 3, meaning: "near-poor household"),
        "DN": Entry(level: 4, meaning: "company employee"),
        "HX": Entry(level: 4, meaning: "cooperative employee"),
        "CH": Entry(level: 4, meaning: "employee of a state agency"),
        "NN": Entry(level: 4, meaning: "employee of a foreign organisation"),
        "TK": Entry(level: 4, meaning: "employee of another organisation"),
        "HC": Entry(level: 4, meaning: "civil servant"),
        "XK": Entry(level: 4, meaning: "commune official"),
        "TB": Entry(level: 4, meaning: "person on a sickness allowance"),
        "NO": Entry(level: 4, meaning: "person on leave for long-term illness"),
        "CT": Entry(level: 4, meaning: "person on a monthly social allowance"),
        "XB": Entry(level: 4, meaning: "former commune official on an allowance"),
        "TN": Entry(level: 4, meaning: "person on unemployment benefit"),
        "CS": Entry(level: 4, meaning: "former rubber worker on an allowance"),
        "XN": Entry(level: 4, meaning: "village health worker or official"),
        "MS": Entry(level: 4, meaning: "person on a monthly allowance for loss of working capacity"),
        "HD": Entry(level: 4, meaning: "member of a people's council"),
        "TQ": Entry(level: 4, meaning: "relative of a military officer"),
        "TA": Entry(level: 4, meaning: "relative of a police officer"),
        "TY": Entry(level: 4, meaning: "relative of a cipher officer"),
        "HG": Entry(level: 4, meaning: "person with a state honour"),
        "LS": Entry(level: 4, meaning: "foreign student on a state scholarship"),
        "PV": Entry(level: 4, meaning: "people's auxiliary service member"),
        "HS": Entry(level: 4, meaning: "pupil"),
        "SV": Entry(level: 4, meaning: "student"),
        "GB": Entry(level: 4, meaning: "household in agriculture, forestry or fishery of average living standard"),
        "GD": Entry(level: 4, meaning: "household (voluntary)"),
        "QN": Entry(level: 5, meaning: "military"),
        "CA": Entry(level: 5, meaning: "police"),
        "CY": Entry(level: 5, meaning: "cipher service"),
        "TV": Entry(level: 4, meaning: "other (level not confirmed)", confirmed: false),
    ]
}
