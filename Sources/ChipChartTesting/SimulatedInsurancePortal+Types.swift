public import ChipChart

extension SimulatedInsurancePortal {
    /// The insured person as the insurer records them.
    public struct Holder: Hashable, Sendable {
        /// The full name the insurer holds.
        public var name: PersonName
        /// The birth date the insurer holds.
        public var dateOfBirth: DateOfBirth
        /// The sex the insurer holds.
        public var sex: Sex?
        /// The address the insurer holds.
        public var address: String?
        /// The personal ID, when linked (a lookup by it then finds the card).
        public var personalID: PersonalID?

        /// Creates a holder.
        public init(
            name: PersonName,
            dateOfBirth: DateOfBirth,
            sex: Sex? = nil,
            address: String? = nil,
            personalID: PersonalID? = nil
        ) {
            self.name = name
            self.dateOfBirth = dateOfBirth
            self.sex = sex
            self.address = address
            self.personalID = personalID
        }
    }

    /// An insurance card as the insurer issued it.
    public struct Card: Hashable, Sendable {
        /// The 15-character code.
        public var code: InsuranceCardCode
        /// Validity (`gtTheTu`–`gtTheDen`).
        public var validity: DatePeriod
        /// The registered primary-care facility (`maDKBD`).
        public var registeredFacility: FacilityCode?
        /// Its name (`tenDKBDMoi` on a replacement).
        public var registeredFacilityName: String?
        /// The region (`maKV`).
        public var region: Region?
        /// The five-year date (`ngayDu5Nam`).
        public var fiveYearDate: CalendarDate?

        /// Creates a card.
        public init(
            code: InsuranceCardCode,
            validity: DatePeriod,
            registeredFacility: FacilityCode? = nil,
            registeredFacilityName: String? = nil,
            region: Region? = nil,
            fiveYearDate: CalendarDate? = nil
        ) {
            self.code = code
            self.validity = validity
            self.registeredFacility = registeredFacility
            self.registeredFacilityName = registeredFacilityName
            self.region = region
            self.fiveYearDate = fiveYearDate
        }

        /// The card's fields as the portal returns them.
        var portalCard: PortalAnswer.Card {
            PortalAnswer.Card(
                code: code,
                registeredFacility: registeredFacility,
                registeredFacilityName: registeredFacilityName,
                validity: validity,
                region: region,
                fiveYearDate: fiveYearDate
            )
        }
    }

    /// Why a card was replaced.
    public enum ReplacementReason: String, Hashable, Sendable, Codable, CaseIterable {
        /// The beneficiary group or benefit level changed (the first five characters change).
        case groupChange
        /// The registered primary-care facility changed.
        case facilityChange
        /// The card was renewed for a new period.
        case renewal
        /// The card was lost and reissued.
        case loss
    }

    /// How the simulated portal answers the network.
    public enum Connectivity: Hashable, Sendable {
        /// Answers at once.
        case online
        /// Cannot be reached: every lookup throws ``ChipChart/PortalUnavailable``.
        case offline
        /// Answers after a delay (real time, cancellable), so a caller's timeout can expire.
        case slow(Duration)
    }

    /// One scripted change to the insurer's state, applied now or at a scheduled instant.
    public enum Event: Hashable, Sendable {
        /// Registers a staff member allowed to look cards up.
        case registerStaff(Staff)
        /// Enrols a person with a first card.
        case enrol(Holder, Card)
        /// Issues a new card for the person with this social insurance number. With
        /// `oldStaysValid` the portal answers 004 for the old card while it is in its validity,
        /// otherwise 003 (the old card ends the day before the new one starts).
        case replaceCard(SocialInsuranceNumber, with: Card, reason: ReplacementReason, oldStaysValid: Bool)
        /// The current card expires: its validity ends the day before the event.
        case expire(SocialInsuranceNumber)
        /// The current card is revoked (110).
        case revoke(SocialInsuranceNumber)
        /// The coverage is reported ended (a code 120–124).
        case reportEnded(SocialInsuranceNumber, PortalResultCode)
        /// Every lookup of this person answers 060 (wrong full name).
        case answerWrongName(SocialInsuranceNumber)
        /// Every lookup of this person answers 070 (wrong date of birth).
        case answerWrongBirthDate(SocialInsuranceNumber)
        /// Every lookup of this person answers the code given (100, 101, 130 …), until cleared.
        case forceResult(SocialInsuranceNumber, PortalResultCode)
        /// Removes a forced or wrong-name/birth-date answer.
        case clearForcedResult(SocialInsuranceNumber)
        /// The portal becomes unreachable.
        case goOffline
        /// The portal answers at once again.
        case comeOnline
        /// The portal answers after a delay.
        case answerSlowly(Duration)
        /// The facility's login is refused (401) or accepted again.
        case failAuthentication(Bool)
    }
}
