import Foundation

/// A passport number: the identifier of a foreigner, or of a Vietnamese patient without an ID.
///
/// A Vietnamese passport number is one uppercase letter and seven digits (`C1234567`), the form
/// the claims accept in place of an ID. Other countries' numbers vary, so any 5 to 20 uppercase
/// letters and digits are accepted; ``isVietnameseFormat`` tells the two apart.
public struct PassportNumber: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The number, uppercased.
    public let value: String

    /// Validates 5–20 ASCII letters and digits (lowercase letters are uppercased).
    ///
    /// - Throws: ``ValidationError`` (`wrongLength` or `invalidCharacter`).
    public init(_ text: some StringProtocol, field: String = "passportNumber") throws(ValidationError) {
        let value = String(text).trimmingASCIIWhitespace().uppercased()
        guard (5...20).contains(value.count) else {
            throw ValidationError(field: field, reason: .wrongLength, message: "a passport number has 5–20 characters")
        }
        guard value.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) else {
            throw ValidationError(
                field: field,
                reason: .invalidCharacter,
                message: "a passport number has only the ASCII letters A–Z and digits 0–9; "
                    + TextCheck.offending(in: value, allowing: { $0.value >= 0x41 && $0.value <= 0x5A })
            )
        }
        self.value = value
    }

    /// True for the Vietnamese form: one letter then seven digits.
    public var isVietnameseFormat: Bool {
        value.utf8.count == 8 && value.first?.isLetter == true && value.dropFirst().isASCIIDigits
    }

    /// The form for logs: the first letter and last two characters.
    public var masked: String { value.prefix(1) + String(repeating: "*", count: value.count - 3) + value.suffix(2) }

    /// The masked form.
    public var description: String { masked }

    /// The text stored: ``value``.
    public var storedText: String { value }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }
}
