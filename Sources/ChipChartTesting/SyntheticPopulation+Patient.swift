public import ChipChart

extension SyntheticPopulation.Person {
    /// The person registered from their card: a new patient with the card's name, date of
    /// birth, sex and address, and the personal ID as its identifier.
    ///
    /// ```swift
    /// let person = try SyntheticPopulation(seed: 7).person(at: 0)
    /// let patient = person.newPatient()
    /// print(patient.identifiers == [.personalID(person.personalID)])  // true
    /// ```
    public func newPatient(id: PatientID = PatientID()) -> Patient {
        let card = reading
        let demographics = Demographics(
            name: card.name,
            dateOfBirth: card.dateOfBirth,
            sex: card.sex,
            address: card.address
        )
        return Patient(id: id, identifiers: [.personalID(personalID)], demographics: demographics)
    }
}
