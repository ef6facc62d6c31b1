/// How a visit ends: the outcome, how the patient left, and the papers given — a referral to
/// another facility, a follow-up appointment, a sick-leave certificate.
public struct Discharge: Hashable, Sendable, Codable {
    /// A referral to another facility (giấy chuyển tuyến).
    public struct Referral: Hashable, Sendable, Codable {
        /// The receiving facility (`MA_NOI_DEN`).
        public var facility: FacilityCode
        /// The referral paper's number (`GIAY_CHUYEN_TUYEN`), at most 50 characters.
        public var paperNumber: String
        /// Why, in words.
        public var reason: String?

        /// A referral.
        ///
        /// - Throws: ``ValidationError`` naming `referral.paperNumber` (empty or over 50 characters).
        public init(to facility: FacilityCode, paperNumber: String, reason: String? = nil) throws(ValidationError) {
            self.facility = facility
            self.paperNumber = try paperNumber.checkedClaimsText(
                field: "referral.paperNumber",
                element: "GIAY_CHUYEN_TUYEN",
                maximum: 50
            )
            self.reason = reason?.trimmingASCIIWhitespace().nonEmpty
        }
    }

    /// A follow-up appointment (`NGAY_TAI_KHAM`).
    public struct FollowUp: Hashable, Sendable, Codable {
        /// The day to come back.
        public var day: CalendarDate
        /// What to bring or check.
        public var note: String?

        /// An appointment.
        public init(on day: CalendarDate, note: String? = nil) {
            self.day = day
            self.note = note?.trimmingASCIIWhitespace().nonEmpty
        }
    }

    /// A certificate of leave from work for sickness (giấy chứng nhận nghỉ việc hưởng BHXH).
    public struct SickLeave: Hashable, Sendable, Codable {
        /// The first day of leave.
        public var from: CalendarDate
        /// The last day of leave, included.
        public var through: CalendarDate
        /// The certificate's number (series), when the facility numbers them.
        public var certificateNumber: String?

        /// A certificate.
        ///
        /// - Throws: ``ValidationError`` naming `sickLeave.through` (before the first day, or
        ///   more than 30 days: an outpatient certificate covers at most 30).
        public init(from: CalendarDate, through: CalendarDate, certificateNumber: String? = nil) throws(ValidationError)
        {
            guard from <= through, from.days(until: through) < 30 else {
                throw ValidationError(
                    field: "sickLeave.through",
                    reason: from <= through ? .outOfRange : .inconsistent,
                    message: "a certificate covers 1–30 days from its first"
                )
            }
            self.from = from
            self.through = through
            self.certificateNumber = certificateNumber?.trimmingASCIIWhitespace().nonEmpty
        }
    }

    /// The outcome of treatment (`KET_QUA_DTRI`).
    public var outcome: TreatmentOutcome
    /// How the patient left (`MA_LOAI_RV`).
    public var type: DischargeType
    /// The referral, for a discharge of a referral type.
    public var referral: Referral?
    /// The follow-up appointment, if one was booked.
    public var followUp: FollowUp?
    /// The sick-leave certificate, if one was given.
    public var sickLeave: SickLeave?

    /// A discharge.
    ///
    /// - Throws: ``ValidationError`` naming `discharge.referral` when a referral type has no
    ///   referral, or a referral is given with another type.
    public init(
        outcome: TreatmentOutcome,
        type: DischargeType = .discharged,
        referral: Referral? = nil,
        followUp: FollowUp? = nil,
        sickLeave: SickLeave? = nil
    ) throws(ValidationError) {
        guard type.isReferral == (referral != nil) else {
            throw ValidationError(
                field: "discharge.referral",
                reason: referral == nil ? .missing : .inconsistent,
                message: "MA_LOAI_RV 2 and 5 name the receiving facility (MA_NOI_DEN), other types none"
            )
        }
        self.outcome = outcome
        self.type = type
        self.referral = referral
        self.followUp = followUp
        self.sickLeave = sickLeave
    }
}
