/// The outcome of treatment at discharge (`KET_QUA_DTRI`), Decision 130/QĐ-BYT as amended by
/// Decision 4750/QĐ-BYT; see `docs/VISIT-CODES.md`.
public struct TreatmentOutcome: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The code, 1–7.
    public let code: Int

    /// An outcome by its code.
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`) naming `discharge.outcome`.
    public init(code: Int) throws(ValidationError) {
        guard Self.meanings.indices.contains(code - 1) else {
            throw ValidationError.unknownCode("discharge.outcome", "KET_QUA_DTRI is 1–7")
        }
        self.code = code
    }

    private init(trusted code: Int) { self.code = code }

    /// 1: cured (Khỏi).
    public static let cured = TreatmentOutcome(trusted: 1)
    /// 2: improved (Đỡ).
    public static let improved = TreatmentOutcome(trusted: 2)
    /// 3: unchanged (Không thay đổi).
    public static let unchanged = TreatmentOutcome(trusted: 3)
    /// 4: worse (Nặng hơn).
    public static let worse = TreatmentOutcome(trusted: 4)
    /// 5: died (Tử vong).
    public static let died = TreatmentOutcome(trusted: 5)
    /// 6: taken home with a grave prognosis (Tiên lượng nặng xin về).
    public static let gravePrognosisTakenHome = TreatmentOutcome(trusted: 6)
    /// 7: not determined (Chưa xác định).
    public static let undetermined = TreatmentOutcome(trusted: 7)

    private static let meanings = [
        "cured", "improved", "unchanged", "worse", "died", "taken home with a grave prognosis", "not determined",
    ]

    /// What the code means.
    public var meaning: String { Self.meanings[code - 1] }

    /// The code.
    public var description: String { String(code) }

    /// The text stored: the code.
    public var storedText: String { String(code) }

    /// Checks a stored code as ``init(code:)`` does.
    public init(storedText: String) throws(ValidationError) {
        try self.init(code: Int(storedText) ?? 0)
    }
}
