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
        try TextCheck.checkLength(value, 5...20, field: field) { _ in
            "a passport number has 5–20 characters"
        }
        try TextCheck.checkASCIILettersAndDigits(value, field: field, what: "a passport number")
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
