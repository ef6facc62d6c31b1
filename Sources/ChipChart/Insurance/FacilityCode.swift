import Foundation

/// A health facility's 5-character code (`MA_CSKCB`, `MA_DKBD`), such as `01001`.
public struct FacilityCode: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The five characters, uppercased.
    public let value: String

    /// Validates five ASCII letters or digits.
    ///
    /// - Throws: ``ValidationError`` (`wrongLength` or `invalidCharacter`).
    public init(_ text: some StringProtocol, field: String = "facilityCode") throws(ValidationError) {
        let value = String(text).trimmingASCIIWhitespace().uppercased()
        try TextCheck.checkLength(value, 5...5, field: field) {
            "a facility code has 5 characters, got \($0)"
        }
        try TextCheck.checkASCIILettersAndDigits(value, field: field, what: "a facility code")
        self.value = value
    }

    /// The code.
    public var description: String { value }

    /// The text stored: ``value``.
    public var storedText: String { value }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }
}
