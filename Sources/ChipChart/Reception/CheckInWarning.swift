/// Something the receptionist should notice, with a stable code and a sentence to show.
public struct CheckInWarning: Hashable, Sendable, CustomStringConvertible {
    /// A stable kind of warning.
    public struct Code: StableCode {
        /// The name written in logs, JSON and the store; it never changes once released.
        public let name: String
        /// A code with a stable name.
        public init(_ name: String) { self.name = name }

        /// The insurance card expires soon.
        public static let insuranceCardExpiresSoon = Code("insuranceCardExpiresSoon")
        /// The patient is registered for primary care at another facility.
        public static let registeredElsewhere = Code("registeredElsewhere")
        /// The name on the ID card differs from the insurer's record.
        public static let nameDiffersFromInsurer = Code("nameDiffersFromInsurer")
        /// The ID card itself has expired.
        public static let idCardExpired = Code("idCardExpired")
        /// The insurer could not be asked; the coverage is unverified until re-verified.
        public static let coverageUnverified = Code("coverageUnverified")
        /// The insurer's answer means the visit is self-pay unless sorted out.
        public static let insuranceProblem = Code("insuranceProblem")
        /// The patient record was updated from the card (name, birth date, sex, address).
        public static let demographicsUpdated = Code("demographicsUpdated")
        /// The card's reading and the stored record disagree on who this is (name and birth date).
        public static let identityDiffers = Code("identityDiffers")
        /// A record shares an old CMND or insurance number with the person but names someone
        /// else: it was left unchanged, and a person should decide whether the two are one.
        public static let possibleDuplicate = Code("possibleDuplicate")
        /// The patient's visit in the slot (``Visit/openSlot``), opened before the repeat-scan
        /// window, is still open: the check-in returned it instead of opening a second.
        public static let visitStillOpen = Code("visitStillOpen")
        /// The insurer answered with a card that is not the one on record, under the same social
        /// insurance number (asked by personal ID or insurance number after a replacement): the
        /// new card was linked as the replacement of the old, and applies from the day it starts.
        public static let insuranceCardReplaced = Code("insuranceCardReplaced")
    }

    /// The kind.
    public var code: Code
    /// A sentence for the desk (no full identification numbers).
    public var message: String

    /// Creates a warning.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The sentence.
    public var description: String { message }
}
