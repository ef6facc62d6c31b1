import Foundation

/// The old identity-card number (CMND): 9 digits, or 12 for the few late CMNDs.
///
/// It has no structural relation to the ``PersonalID``; it appears in the card's QR (field 2) and
/// on the chip. Patients registered years ago under a CMND must be found by it, not duplicated.
public struct LegacyIDNumber: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The digits.
    public let digits: String

    /// Validates 9 or 12 ASCII digits.
    ///
    /// - Throws: ``ValidationError`` (`wrongLength` or `invalidCharacter`).
    public init(_ text: some StringProtocol, field: String = "legacyID") throws(ValidationError) {
        let value = String(text).trimmingASCIIWhitespace()
        try TextCheck.checkASCIIDigits(value, field: field, what: "a CMND number")
        guard value.utf8.count == 9 || value.utf8.count == 12 else {
            throw ValidationError.wrongLength(field, "a CMND number has 9 or 12 digits, got \(value.count)")
        }
        self.digits = value
    }

    /// The form for logs: the last two digits only.
    public var masked: String { String(repeating: "*", count: digits.count - 2) + digits.suffix(2) }

    /// The masked form.
    public var description: String { masked }

    /// The text stored: ``digits``.
    public var storedText: String { digits }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }
}
