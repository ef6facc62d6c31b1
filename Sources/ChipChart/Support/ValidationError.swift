import Foundation

/// A value that failed validation: which field, and why.
///
/// Every validated type in ChipChart (``PersonalID``, ``InsuranceCardCode``, ``ICD10Code`` …)
/// throws this from its initialiser. The message never repeats a full identification number,
/// so the error is safe to log.
///
/// ```swift
/// do {
///     _ = try PersonalID("003099012345")
/// } catch {
///     print(error.field, error.reason)   // "personalID", .unknownCode
/// }
/// ```
///
/// New reasons are added as static constants, so adding one never breaks a `switch` in your code.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why a value was rejected.
    public struct Reason: StableCode {
        /// A short, stable name for the reason, such as `wrongLength`.
        public let name: String

        /// Creates a reason with the given stable name.
        public init(_ name: String) { self.name = name }

        /// The value is empty or missing.
        public static let missing = Reason("missing")
        /// The value has the wrong number of characters.
        public static let wrongLength = Reason("wrongLength")
        /// The value contains a character that is not allowed here.
        public static let invalidCharacter = Reason("invalidCharacter")
        /// The value does not have the expected shape.
        public static let invalidFormat = Reason("invalidFormat")
        /// A code (province, group, level, country …) that is not in the known table.
        public static let unknownCode = Reason("unknownCode")
        /// The value is well formed but outside its allowed range.
        public static let outOfRange = Reason("outOfRange")
        /// The value contradicts another value of the same record.
        public static let inconsistent = Reason("inconsistent")
        /// A check digit does not match.
        public static let checkDigitMismatch = Reason("checkDigitMismatch")
    }

    /// The field that was rejected, such as `personalID` or `insuranceCardCode.benefitLevel`.
    public var field: String
    /// Why it was rejected.
    public var reason: Reason
    /// A sentence for a person. It never contains a full identification number.
    public var message: String

    /// Creates a validation error for a field.
    public init(field: String, reason: Reason, message: String) {
        self.field = field
        self.reason = reason
        self.message = message
    }

    /// `field: message (reason)`.
    public var description: String { "\(field): \(message) (\(reason))" }

    /// The same error, reported under an enclosing field name (`qr.personalID`).
    public func nested(in parent: String) -> ValidationError {
        ValidationError(field: "\(parent).\(field)", reason: reason, message: message)
    }
}

/// One factory per reason, so a check reads as one line:
/// `throw ValidationError.outOfRange("pulse", "pulse 400 is outside 20–300")`.
extension ValidationError {
    /// The value of `field` is empty or missing (``Reason/missing``).
    package static func missing(_ field: String, _ message: String) -> Self { Self(field, .missing, message) }
    /// `field` has the wrong number of characters (``Reason/wrongLength``).
    package static func wrongLength(_ field: String, _ message: String) -> Self { Self(field, .wrongLength, message) }
    /// `field` holds a character not allowed there (``Reason/invalidCharacter``).
    package static func invalidCharacter(_ field: String, _ message: String) -> Self {
        Self(field, .invalidCharacter, message)
    }
    /// `field` does not have the expected shape (``Reason/invalidFormat``).
    package static func invalidFormat(_ field: String, _ message: String) -> Self {
        Self(field, .invalidFormat, message)
    }
    /// `field` holds a code not in the known table (``Reason/unknownCode``).
    package static func unknownCode(_ field: String, _ message: String) -> Self { Self(field, .unknownCode, message) }
    /// `field` is well formed but outside its allowed range (``Reason/outOfRange``).
    package static func outOfRange(_ field: String, _ message: String) -> Self { Self(field, .outOfRange, message) }
    /// `field` contradicts another value of the same record (``Reason/inconsistent``).
    package static func inconsistent(_ field: String, _ message: String) -> Self { Self(field, .inconsistent, message) }
    /// A check digit in `field` does not match (``Reason/checkDigitMismatch``).
    package static func checkDigitMismatch(_ field: String, _ message: String) -> Self {
        Self(field, .checkDigitMismatch, message)
    }

    private init(_ field: String, _ reason: Reason, _ message: String) {
        self.init(field: field, reason: reason, message: message)
    }
}

extension StringProtocol {
    /// True when every character is an ASCII digit `0`–`9` (and there is at least one).
    var isASCIIDigits: Bool {
        !isEmpty && utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
