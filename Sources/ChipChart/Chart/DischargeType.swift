/// How the patient left (`MA_LOAI_RV`), Decision 130/QĐ-BYT as amended by Decisions
/// 4750/QĐ-BYT and 3176/QĐ-BYT; see `docs/VISIT-CODES.md`.
public struct DischargeType: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The code, 1–5.
    public let code: Int

    /// A discharge type by its code.
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`) naming `discharge.type`.
    public init(code: Int) throws(ValidationError) {
        guard Self.meanings.indices.contains(code - 1) else {
            throw ValidationError.unknownCode("discharge.type", "MA_LOAI_RV is 1–5")
        }
        self.code = code
    }

    private init(trusted code: Int) { self.code = code }

    /// 1: discharged (Ra viện).
    public static let discharged = DischargeType(trusted: 1)
    /// 2: referred to another facility for medical reasons (Chuyển tuyến theo yêu cầu chuyên môn).
    public static let referred = DischargeType(trusted: 2)
    /// 3: left without leave (Trốn viện).
    public static let absconded = DischargeType(trusted: 3)
    /// 4: left at the patient's own request (Xin ra viện).
    public static let ownRequest = DischargeType(trusted: 4)
    /// 5: referred to another facility at the patient's request (Chuyển tuyến theo yêu cầu người bệnh).
    public static let referredOnRequest = DischargeType(trusted: 5)

    private static let meanings = [
        "discharged", "referred for medical reasons", "left without leave", "left at own request",
        "referred at the patient's request",
    ]

    /// What the code means.
    public var meaning: String { Self.meanings[code - 1] }

    /// True for a referral to another facility (2 and 5): the discharge names it.
    public var isReferral: Bool { code == 2 || code == 5 }

    /// The code.
    public var description: String { String(code) }

    /// The text stored: the code.
    public var storedText: String { String(code) }

    /// Checks a stored code as ``init(code:)`` does.
    public init(storedText: String) throws(ValidationError) {
        try self.init(code: Int(storedText) ?? 0)
    }
}
