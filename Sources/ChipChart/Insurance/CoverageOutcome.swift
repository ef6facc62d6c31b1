import Foundation

/// What a coverage check means for the patient at the desk: one typed value per kind of answer
/// the insurer's portal gives (docs/VIETNAM-RULES.md §3), plus the portal being out of reach.
///
/// The reception shows ``summary`` and decides on ``isPatientProblem``: a mismatch in the name
/// or birth date, an expired, revoked or ended card is the patient's to sort out (the visit goes
/// on as self-pay); a facility or insurer error is not, and the last verified coverage applies,
/// marked unverified, until a re-verification succeeds.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// switch check.outcome {
/// case .confirmed, .replaced: showInsured(check.coverage)
/// case .identityMismatch(let field): askToCorrect(field)
/// default: showWarning(check.outcome.summary)
/// }
/// ```
public enum CoverageOutcome: Hashable, Sendable, CustomStringConvertible {
    /// Which detail of the holder the insurer did not recognise (codes 060, 061, 070).
    public enum MismatchedField: String, Hashable, Sendable, Codable {
        /// The full name is wrong (060).
        case name
        /// The full name is wrong, but its first letter is right (061).
        case nameFirstLetterRight
        /// The date of birth is wrong (070).
        case dateOfBirth
    }

    /// The insurance office that manages a card the civil portal cannot check (001, 002).
    public enum ManagingOffice: String, Hashable, Sendable, Codable {
        /// The Ministry of Defence's insurance office (001).
        case defence
        /// The Ministry of Public Security's insurance office (002).
        case publicSecurity
    }

    /// 000: the card is valid and the details are correct; the coverage is confirmed or refreshed.
    case confirmed
    /// 003 or 004: a new card has been issued; the new coverage is linked to the old one, which
    /// closes where the new one starts. `oldStillValid` is true for 004.
    case replaced(oldStillValid: Bool)
    /// 010: the card has expired.
    case expired
    /// 110: the card has been revoked.
    case revoked
    /// 120–124: the coverage was reported ended; the code says why.
    case ended(PortalResultCode)
    /// 060, 061, 070: the holder's name or birth date does not match the insurer's record.
    case identityMismatch(MismatchedField)
    /// 001, 002: a Defence- or Police-managed card: check the paper card by hand.
    case checkPapers(ManagingOffice)
    /// 050: the insurer has no such card.
    case noCard
    /// 130: a child under 6 came without a card.
    case childWithoutCard
    /// 051, 052, 053: the card number as typed is wrong (code, province digits, benefit digit).
    case cardNumberRejected(PortalResultCode)
    /// 054, 055, 205, 401: the facility's own error (staff not registered, staff name wrong,
    /// malformed request, login refused); not the patient's.
    case facilityError(PortalResultCode)
    /// 100, 101: the insurer's own error (registry data, server).
    case insurerError(PortalResultCode)
    /// A code not in docs/VIETNAM-RULES.md §3, kept as it came.
    case unknownResult(PortalResultCode)
    /// The portal could not be reached in time.
    case portalUnavailable(reason: String)

    /// The outcome of a portal result code.
    public init(_ code: PortalResultCode) {
        switch code {
        case .valid: self = .confirmed
        case .replacedOldExpired: self = .replaced(oldStillValid: false)
        case .replacedOldStillValid: self = .replaced(oldStillValid: true)
        case .expired: self = .expired
        case .revoked: self = .revoked
        case .endedMovedProvince, .endedMovedWithinProvince, .endedReenrolled, .endedReported, .endedStopped:
            self = .ended(code)
        case .wrongName: self = .identityMismatch(.name)
        case .wrongNameFirstLetterRight: self = .identityMismatch(.nameFirstLetterRight)
        case .wrongDateOfBirth: self = .identityMismatch(.dateOfBirth)
        case .managedByDefence: self = .checkPapers(.defence)
        case .managedByPublicSecurity: self = .checkPapers(.publicSecurity)
        case .noCard: self = .noCard
        case .childWithoutCard: self = .childWithoutCard
        case .wrongCardCode, .wrongProvince, .wrongBenefitLevel: self = .cardNumberRejected(code)
        case .staffNotRegistered, .staffNameMismatch, .parameterFormatError, .authenticationError:
            self = .facilityError(code)
        case .registryError, .serverError: self = .insurerError(code)
        default: self = .unknownResult(code)
        }
    }

    /// The portal's result code, or `nil` when the portal was not reached.
    public var resultCode: PortalResultCode? {
        switch self {
        case .confirmed: return .valid
        case .replaced(let oldStillValid): return oldStillValid ? .replacedOldStillValid : .replacedOldExpired
        case .expired: return .expired
        case .revoked: return .revoked
        case .ended(let code), .cardNumberRejected(let code), .facilityError(let code), .insurerError(let code),
            .unknownResult(let code):
            return code
        case .identityMismatch(.name): return .wrongName
        case .identityMismatch(.nameFirstLetterRight): return .wrongNameFirstLetterRight
        case .identityMismatch(.dateOfBirth): return .wrongDateOfBirth
        case .checkPapers(.defence): return .managedByDefence
        case .checkPapers(.publicSecurity): return .managedByPublicSecurity
        case .noCard: return .noCard
        case .childWithoutCard: return .childWithoutCard
        case .portalUnavailable: return nil
        }
    }

    /// True when the insurer confirmed a card that covers the patient now (000, 003, 004).
    public var isInsured: Bool {
        switch self {
        case .confirmed, .replaced: return true
        default: return false
        }
    }

    /// True when the answer is about the patient or their card (the desk tells the patient);
    /// false for the facility's or the insurer's own errors and an unreachable portal.
    public var isPatientProblem: Bool {
        switch self {
        case .expired, .revoked, .ended, .identityMismatch, .checkPapers, .noCard, .childWithoutCard,
            .cardNumberRejected:
            return true
        default: return false
        }
    }

    /// True when the insurer could not give an answer about the card (facility or insurer error,
    /// unknown code, unreachable portal): the last verified coverage applies, marked unverified,
    /// and the check must be repeated later.
    public var needsReverification: Bool {
        switch self {
        case .facilityError, .insurerError, .unknownResult, .portalUnavailable: return true
        default: return false
        }
    }

    /// One sentence for the desk, in plain words; it never holds an ID number or a name.
    public var summary: String {
        switch self {
        case .confirmed: return "Insurance card confirmed."
        case .replaced(true):
            return "A new insurance card has been issued; the old one stays valid until the new one starts."
        case .replaced(false):
            return "The old insurance card has expired and a new one has been issued, valid from the day it starts."
        case .expired: return "The insurance card has expired: the visit is self-pay unless a valid card is shown."
        case .revoked: return "The insurance card has been revoked: the visit is self-pay."
        case .ended(let code): return "The insurer reports the coverage ended (\(code.meaning)): the visit is self-pay."
        case .identityMismatch(.dateOfBirth):
            return "The insurer has a different date of birth: check the ID card and correct it."
        case .identityMismatch: return "The insurer has a different name: check the spelling against the ID card."
        case .checkPapers(.defence): return "The card is managed by the Defence insurance office: check the paper card."
        case .checkPapers(.publicSecurity):
            return "The card is managed by the Public Security insurance office: check the paper card."
        case .noCard: return "The insurer has no such card."
        case .childWithoutCard: return "A child under 6 without a card: ask for the birth certificate."
        case .cardNumberRejected(let code):
            return "The card number was rejected (\(code.meaning)): check what was typed."
        case .facilityError(let code):
            return "The facility's portal account failed (\(code.meaning)); the last verified card applies, unverified."
        case .insurerError(let code):
            return "The insurer reported an error (\(code.meaning)); the last verified card applies, unverified."
        case .unknownResult(let code):
            return "The insurer answered an unknown code \(code.rawValue); the last verified card applies, unverified."
        case .portalUnavailable:
            return "The insurer's portal did not answer; the last verified card, if any, applies unverified, "
                + "and the visit will be rechecked."
        }
    }

    /// The summary.
    public var description: String { summary }
}
