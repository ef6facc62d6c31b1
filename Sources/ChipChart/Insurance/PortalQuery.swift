import Foundation

/// One lookup at the insurer's portal (`KQNhanLichSuKCB2024`): the card, the holder as the desk
/// knows them, and the staff member asking.
public struct PortalQuery: Hashable, Sendable {
    /// What the desk has to identify the card (`maThe`): any of the three numbers in use.
    public enum CardNumber: Hashable, Sendable, CustomStringConvertible {
        /// The 15-character card code.
        case cardCode(InsuranceCardCode)
        /// The 10-digit social insurance number (cards since 2021 print only it).
        case socialInsuranceNumber(SocialInsuranceNumber)
        /// The 12-digit personal ID (accepted as the insurance number since 15/08/2025).
        case personalID(PersonalID)

        /// The text sent as `maThe`.
        public var text: String {
            switch self {
            case .cardCode(let code): return code.value
            case .socialInsuranceNumber(let number): return number.digits
            case .personalID(let id): return id.digits
            }
        }

        /// The masked form, for logs.
        public var description: String {
            switch self {
            case .cardCode(let code): return code.masked
            case .socialInsuranceNumber(let number): return number.masked
            case .personalID(let id): return id.masked
            }
        }
    }

    /// The card (`maThe`).
    public var cardNumber: CardNumber
    /// The holder's full name with diacritics (`hoTen`).
    public var fullName: PersonName
    /// The holder's date of birth (`ngaySinh`: `dd/MM/yyyy`, or `yyyy` when only the year is known).
    public var dateOfBirth: DateOfBirth
    /// The staff member asking (`hoTenCb`, `cccdCb`).
    public var staff: Staff

    /// Creates a query.
    public init(cardNumber: CardNumber, fullName: PersonName, dateOfBirth: DateOfBirth, staff: Staff) {
        self.cardNumber = cardNumber
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.staff = staff
    }
}
