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
        guard value.count == 5 else {
            throw ValidationError(
                field: field,
                reason: .wrongLength,
                message: "a facility code has 5 characters, got \(value.count)"
            )
        }
        guard value.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) else {
            throw ValidationError(
                field: field,
                reason: .invalidCharacter,
                message: "a facility code has only the ASCII letters A–Z and digits 0–9; "
                    + TextCheck.offending(in: value, allowing: { $0.value >= 0x41 && $0.value <= 0x5A })
            )
        }
        self.value = value
    }

    /// The code.
    public var description: String { value }

    /// The text stored: ``value``.
    public var storedText: String { value }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }
}
