import Foundation

/// The 10-digit social insurance number (mã số BHXH): unique and lifelong.
///
/// It is the last ten characters of every insurance card code the person ever holds, and what
/// cards since 2021 print alone. Insurance identity is keyed on it.
public struct SocialInsuranceNumber: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The ten digits.
    public let digits: String

    /// Validates ten ASCII digits.
    ///
    /// - Throws: ``ValidationError`` (`wrongLength` or `invalidCharacter`).
    public init(_ text: some StringProtocol, field: String = "socialInsuranceNumber") throws(ValidationError) {
        let value = String(text).trimmingASCIIWhitespace()
        try TextCheck.checkLength(value, 10...10, field: field) {
            "a social insurance number has 10 digits, got \($0)"
        }
        try TextCheck.checkASCIIDigits(value, field: field, what: "a social insurance number")
        self.digits = value
    }

    /// The form for logs: the last three digits only.
    public var masked: String { String(repeating: "*", count: 7) + digits.suffix(3) }

    /// The masked form.
    public var description: String { masked }

    /// The text stored: ``digits``.
    public var storedText: String { digits }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }
}
