import Foundation

/// An ICD-10 diagnosis code as the claims write it: `A09`, `J18.9`, `S72.00`.
///
/// A letter, two digits, and optionally a dot with one or two more characters. Lowercase input
/// is uppercased; `J189` (no dot) is accepted and written `J18.9`.
public struct ICD10Code: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The code, such as `J18.9`.
    public let value: String

    /// Validates a code.
    ///
    /// - Throws: ``ValidationError`` (`invalidFormat`) naming `field`.
    public init(_ text: some StringProtocol, field: String = "diagnosis") throws(ValidationError) {
        var chars = Array(String(text).trimmingASCIIWhitespace().uppercased())
        if chars.count > 3, chars.count <= 5, chars[3] != "." { chars.insert(".", at: 3) }
        let isLetter: (Character) -> Bool = { $0.isASCII && $0.isLetter }
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let head = chars.count >= 3 && isLetter(chars[0]) && isDigit(chars[1]) && isDigit(chars[2])
        let tail =
            chars.count == 3
            || ((5...6).contains(chars.count) && chars[3] == "."
                && chars[4...].allSatisfy { isDigit($0) || isLetter($0) })
        guard head, tail else {
            throw ValidationError.invalidFormat(field, "an ICD-10 code looks like A09 or J18.9")
        }
        self.value = String(chars)
    }

    /// The three-character category (`J18`).
    public var category: String { String(value.prefix(3)) }

    /// The code.
    public var description: String { value }

    /// The text stored: ``value``.
    public var storedText: String { value }

    /// Checks stored text as ``init(_:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(storedText) }
}
