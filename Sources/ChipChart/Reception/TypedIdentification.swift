/// What a desk types when the patient has no ID card to scan.
///
/// A child under 6 has a personal ID and an insurance card but no ID card; an adult may have
/// only the insurance card with them; a foreigner shows a passport.
public enum TypedIdentification: Hashable, Sendable {
    /// A personal ID read off a document. Name and birth date may be left out when the patient is
    /// already registered; a new patient needs them.
    case personalID(PersonalID, name: PersonName?, dateOfBirth: DateOfBirth?)
    /// An insurance card code or social insurance number, with the holder as the desk knows them.
    case insurance(PortalQuery.CardNumber, name: PersonName, dateOfBirth: DateOfBirth, sex: Sex)
    /// A passport: no insurance check is made (the visit is self-pay).
    case passport(PassportNumber, name: PersonName, dateOfBirth: DateOfBirth, sex: Sex, nationality: String)
}
