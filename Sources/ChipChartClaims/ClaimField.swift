public import ChipChart

/// One field of a claims table, as the schema files in `Schemas/claims/` describe it.
///
/// The tables of Decision 130/QĐ-BYT (amended by 4750/QĐ-BYT) list, for every element, its
/// name, its type, its maximum length and whether it must be filled. ``ClaimValidator`` checks
/// every generated document against these.
public struct ClaimField: Hashable, Sendable, CustomStringConvertible {
    /// How a field's text is shaped.
    public struct Kind: StableCode {
        /// The stable name used in the schema files, such as `datetime`.
        public let name: String

        /// A kind with a stable name.
        public init(_ name: String) { self.name = name }

        /// Free text.
        public static let string = Kind("string")
        /// Digits only.
        public static let integer = Kind("integer")
        /// Digits with an optional `.` and fraction (a quantity, a weight).
        public static let decimal = Kind("decimal")
        /// An amount: digits, `.` and exactly two decimals (`12500.00`).
        public static let money = Kind("money")
        /// `yyyyMMddHHmm` in Vietnam time.
        public static let dateTime = Kind("datetime")
        /// `yyyyMMdd`; several dates may be joined by `;`.
        public static let date = Kind("date")
        /// `NGAY_SINH`: twelve digits, `yyyyMMddHHmm` with zeros for what is unknown.
        public static let birthDate = Kind("birthdate")
    }

    /// The element name, such as `MA_LK`.
    public let name: String
    /// How its text is shaped.
    public let kind: Kind
    /// The maximum number of characters, or `nil` when the standard sets none.
    public let maxLength: Int?
    /// True when the field must not be empty.
    public let isRequired: Bool

    /// Creates a field description.
    public init(name: String, kind: Kind, maxLength: Int?, isRequired: Bool) {
        self.name = name
        self.kind = kind
        self.maxLength = maxLength
        self.isRequired = isRequired
    }

    /// `NAME (kind, ≤ length, required)`.
    public var description: String {
        let length = maxLength.map { ", ≤ \($0)" } ?? ""
        return "\(name) (\(kind)\(length)\(isRequired ? ", required" : ""))"
    }
}
