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

/// The receipt of a check-in, under its former name.
@available(*, deprecated, renamed: "CheckInReceipt")
public typealias CheckIn = CheckInReceipt
