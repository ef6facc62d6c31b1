/// A charting step refused: the visit is no longer open, or it cannot be closed yet — with the
/// claims fields it lacks.
public struct ChartingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why. New codes are added as constants, never breaking a `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The name written in logs and JSON; it never changes once released.
        public let name: String
        private init(_ name: String) { self.name = name }

        /// The visit is closed or cancelled: nothing more is charted on it.
        public static let visitNotOpen = Code("visitNotOpen")
        /// The visit lacks what its claim needs (``ChartingError/fields``), so it cannot be closed.
        public static let incompleteForClaim = Code("incompleteForClaim")
        /// The step does not fit the visit (an admission of a visit already inpatient).
        public static let notApplicable = Code("notApplicable")

        /// The name, as printed.
        public var description: String { name }
    }

    /// Why.
    public var code: Code
    /// The visit's key (`MA_LK`).
    public var visitKey: String
    /// The claims fields the visit lacks, for `incompleteForClaim`, such as `MA_BENH_CHINH`.
    public var fields: [String]
    /// A sentence for a person.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, visitKey: String, fields: [String] = [], message: String) {
        self.code = code
        self.visitKey = visitKey
        self.fields = fields
        self.message = message
    }

    /// `code [MA_LK]: message`.
    public var description: String { "\(code) [\(visitKey)]: \(message)" }
}
