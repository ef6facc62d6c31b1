/// The receipt of a check-in: who, which visit, what the insurer said, and what the desk should
/// notice.
///
/// Every way in (``Reception/checkIn(_:for:by:)``, ``Reception/checkIn(typed:for:by:)``,
/// ``Reception/registerUnidentified(_:for:by:)``) returns one.
public struct CheckInReceipt: Hashable, Sendable {
    /// How the patient was found.
    public enum Match: String, Hashable, Sendable, Codable {
        /// By the personal ID on the card (or a superseded one).
        case personalID
        /// By the old CMND number: the patient gained the personal ID.
        case legacyID
        /// By the social insurance number the insurer returned.
        case socialInsuranceNumber
        /// By passport number.
        case passport
        /// Not found: a new patient was registered.
        case registered
    }

    /// The patient, as stored after the check-in.
    public var patient: Patient
    /// The visit, open.
    public var visit: Visit
    /// How the patient was found.
    public var match: Match
    /// The insurer's answer, typed; `nil` when no insurance check was made (a foreigner by
    /// passport, an unidentified emergency patient).
    public var coverageOutcome: CoverageOutcome?
    /// The coverage that applies, if any.
    public var coverage: Coverage?
    /// True when the coverage applies without the insurer's confirmation (portal unreachable).
    public var coverageUnverified: Bool
    /// The fund's share of in-scope costs, in percent, from the card's benefit level.
    public var benefitSharePercent: Int?
    /// What the desk should notice.
    public var warnings: [CheckInWarning]
    /// True when the patient already had an open visit in the slot (``Visit/openSlot``: the
    /// facility, the kind and, for an outpatient visit, the day): that visit was returned and
    /// nothing was written. A scan within the repeat window is the usual case;
    /// an older open visit comes with a ``CheckInWarning/Code/visitStillOpen`` warning.
    public var isRepeatScan: Bool

    /// Creates a receipt.
    public init(
        patient: Patient,
        visit: Visit,
        match: Match,
        coverageOutcome: CoverageOutcome?,
        coverage: Coverage?,
        coverageUnverified: Bool,
        benefitSharePercent: Int?,
        warnings: [CheckInWarning],
        isRepeatScan: Bool
    ) {
        self.patient = patient
        self.visit = visit
        self.match = match
        self.coverageOutcome = coverageOutcome
        self.coverage = coverage
        self.coverageUnverified = coverageUnverified
        self.benefitSharePercent = benefitSharePercent
        self.warnings = warnings
        self.isRepeatScan = isRepeatScan
    }
}

/// Something the receptionist should notice, with a stable code and a sentence to show.
public struct CheckInWarning: Hashable, Sendable, CustomStringConvertible {
    /// A stable kind of warning.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
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

        /// The name, as printed.
        public var description: String { name }
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

/// The receipt of a check-in, under its former name.
@available(*, deprecated, renamed: "CheckInReceipt")
public typealias CheckIn = CheckInReceipt
