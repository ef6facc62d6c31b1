/// The rules that decide whether a stored record is the person at the desk.
///
/// A personal ID is issued to one person for life, so a record found by it is that person. The
/// old CMND and the social insurance number are weaker: CMND numbers were reissued and mistyped
/// for decades, and a record may hold a number typed in error. A record found by either is the
/// person only when nothing contradicts it:
///
/// | found by | the record must | otherwise |
/// |---|---|---|
/// | personal ID (active or superseded, or cancelled as the card lists) | — | — |
/// | passport number (typed, or read from a document without a personal ID) | — | — |
/// | old CMND | hold no other active personal ID, and agree on name and birth date | another person |
/// | social insurance number | hold no other active personal ID, and agree on name and birth date | another person |
///
/// Names agree when they match without case and diacritics (``PersonName/matches(_:)``); birth
/// dates agree when one may be the other (``DateOfBirth/isCompatible(with:)``: a year-only date
/// of 1999 agrees with 01/01/1999). A record judged another person is never changed by the
/// check-in: the person at the desk gets a record of their own and the desk a
/// ``CheckInWarning/Code/possibleDuplicate`` warning, so that a person decides whether to merge.
enum PatientMatching {
    /// Who the desk says the person is.
    struct Presented: Hashable, Sendable {
        /// The personal ID on the card or typed, when there is one.
        var personalID: PersonalID?
        /// The name on the card, or typed.
        var name: PersonName
        /// The birth date on the card, or typed.
        var dateOfBirth: DateOfBirth
    }

    /// Whether a record is the person presented.
    enum Verdict: Hashable, Sendable {
        /// The record is the person.
        case samePerson
        /// The record is someone else.
        case anotherPerson(Reason)
    }

    /// Why a record is someone else.
    enum Reason: Hashable, Sendable {
        /// The record holds an active personal ID other than the one presented.
        case holdsAnotherPersonalID
        /// The name or the birth date differs.
        case demographicsDiffer
    }

    /// Judges a record found by `match` against the person presented.
    static func judge(_ record: Patient, foundBy match: CheckInReceipt.Match, presented: Presented) -> Verdict {
        switch match {
        case .legacyID, .socialInsuranceNumber:
            if let presentedID = presented.personalID, let held = record.personalID, held != presentedID {
                return .anotherPerson(.holdsAnotherPersonalID)
            }
            let stored = record.demographics
            guard stored.name.matches(presented.name), stored.dateOfBirth.isCompatible(with: presented.dateOfBirth)
            else { return .anotherPerson(.demographicsDiffer) }
            return .samePerson
        default:
            return .samePerson
        }
    }
}

extension CheckInWarning {
    /// The warning for a record found by `match` and judged another person.
    static func possibleDuplicate(foundBy match: CheckInReceipt.Match) -> CheckInWarning {
        let number = match == .legacyID ? "this old CMND number" : "this insurance number"
        return CheckInWarning(
            .possibleDuplicate,
            "Another record holds \(number) but names another person: it was left unchanged. "
                + "If they are one person, merge the records."
        )
    }
}

extension CardReading {
    /// Who the card says its holder is, for the matching rules.
    var presented: PatientMatching.Presented {
        PatientMatching.Presented(personalID: personalID, name: name, dateOfBirth: dateOfBirth)
    }
}
