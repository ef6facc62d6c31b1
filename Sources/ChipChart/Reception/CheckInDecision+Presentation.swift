import Foundation

extension CheckInDecision {
    /// What the desk was shown: an ID card's reading, or the identifier and details typed for a
    /// patient without one. A check-in decides the same way from either; only how a record is
    /// made, brought in line and asked about differs.
    enum Presentation: Sendable {
        /// A card reading (QR, MRZ, chip, or a personal ID typed off a document) with the personal
        /// ID it carries (a document without one is checked in by its number instead).
        case card(CardReading, PersonalID)
        /// An insurance card code, social insurance number or personal ID typed with the holder's
        /// name, birth date and sex, as the desk knows them.
        case insurance(PortalQuery.CardNumber, name: PersonName, dateOfBirth: DateOfBirth, sex: Sex)

        /// Who the desk says the person is, for the matching rules.
        var presented: PatientMatching.Presented {
            switch self {
            case .card(let reading, _):
                reading.presented
            case .insurance(let number, let name, let dateOfBirth, _):
                PatientMatching.Presented(personalID: number.personalID, name: name, dateOfBirth: dateOfBirth)
            }
        }

        /// The social insurance number the desk typed: it is linked even when the insurer cannot
        /// confirm it now, so that it finds the patient next time.
        var typedNumber: SocialInsuranceNumber? {
            guard case .insurance(let number, _, _, _) = self else { return nil }
            return switch number {
            case .personalID: nil
            case .cardCode(let code): code.socialInsuranceNumber
            case .socialInsuranceNumber(let digits): digits
            }
        }

        /// The question for the insurer: by the insurance card the visit names, else by the card's
        /// personal ID; by the typed number for a typed check-in.
        func query(for request: VisitRequest, by staff: Staff) -> PortalQuery {
            let presented = presented
            let number: PortalQuery.CardNumber =
                switch self {
                case .card(_, let personalID):
                    if let card = request.insuranceCard { .cardCode(card) } else { .personalID(personalID) }
                case .insurance(let number, _, _, _): number
                }
            return PortalQuery(
                cardNumber: number,
                fullName: presented.name,
                dateOfBirth: presented.dateOfBirth,
                staff: staff
            )
        }

        /// The insurance number to link: the one the insurer named, else the one typed.
        func numberToLink(_ response: PortalResponse) -> SocialInsuranceNumber? {
            response.answer?.card?.code.socialInsuranceNumber ?? typedNumber
        }

        /// The ID card's expiry, when a card with one was read.
        var idCardExpiry: CalendarDate? {
            guard case .card(let reading, _) = self, !reading.hasNoExpiry else { return nil }
            return reading.expiryDate
        }

        /// A new record for the person presented.
        func newPatient(id: PatientID) -> Patient {
            switch self {
            case .card(let reading, _):
                return Reception.newPatient(from: reading, id: id)
            case .insurance(let number, let name, let dateOfBirth, let sex):
                var patient = Patient(
                    id: id,
                    demographics: Demographics(name: name, dateOfBirth: dateOfBirth, sex: sex)
                )
                if let personalID = number.personalID { patient.addIdentifier(.personalID(personalID)) }
                return patient
            }
        }

        /// Brings a found record in line with what was presented: the card is authoritative; a
        /// typed personal ID is added to a record that lacks it.
        func reconcile(_ patient: inout Patient, on day: CalendarDate, warnings: inout [CheckInWarning]) {
            switch self {
            case .card(let reading, _):
                Reception.reconcile(&patient, with: reading, on: day, warnings: &warnings)
            case .insurance(let number, _, _, _):
                if let personalID = number.personalID { patient.addIdentifier(.personalID(personalID)) }
            }
        }
    }
}

extension PortalQuery.CardNumber {
    /// The personal ID, when the number is one.
    var personalID: PersonalID? {
        if case .personalID(let id) = self { id } else { nil }
    }
}
