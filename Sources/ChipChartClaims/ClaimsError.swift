public import ChipChart

/// A claim that cannot be made or written: which visit, why, and which fields break which rule.
///
/// The message and the violations name fields and the visit key (`MA_LK`), never a patient's
/// name or identification number, so the error is safe to log.
public struct ClaimsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the claim failed. New codes are added as constants, never breaking a `switch`.
    public struct Code: StableCode {
        /// The codes. Only the library adds one, as a new static constant, so code that matches on
        /// codes keeps compiling, and no caller can make a code the library does not know.
        private enum Base: String, Sendable {
            case invalidClaim
            case tooManyDiagnoses
            case writeFailed
            case countMismatch
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The name written in logs, JSON and the store; it never changes once released.
        public var name: String { base.rawValue }

        /// A generated table breaks the field rules of `Schemas/claims/`.
        public static let invalidClaim = Code(.invalidClaim)
        /// More than twelve secondary diagnoses.
        public static let tooManyDiagnoses = Code(.tooManyDiagnoses)
        /// The output could not be written.
        public static let writeFailed = Code(.writeFailed)
        /// The number of claims written differs from the count announced up front.
        public static let countMismatch = Code(.countMismatch)
    }

    /// Why.
    public var code: Code
    /// The visit's key (`MA_LK`), when one visit is at fault.
    public var visitKey: String?
    /// The broken rules, for `invalidClaim`.
    public var violations: [ClaimViolation]
    /// A sentence for a person.
    public var message: String

    /// Creates an error.
    public init(code: Code, visitKey: String? = nil, violations: [ClaimViolation] = [], message: String) {
        self.code = code
        self.visitKey = visitKey
        self.violations = violations
        self.message = message
    }

    /// `code [MA_LK]: message; violations`.
    public var description: String {
        let key = visitKey.map { " [\($0)]" } ?? ""
        let details = violations.isEmpty ? "" : "; " + violations.map(\.description).joined(separator: "; ")
        return "\(code)\(key): \(message)\(details)"
    }
}
