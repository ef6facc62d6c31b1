import ChipChart
import ChipChartTesting
import Foundation

/// The clinic's past: most of the population is already registered, some of them years ago
/// under their old CMND number only, with the insurance card they had then.
struct History {
    let changeSets: [ChangeSet]
    let registered: Int
    let legacyOnly: Int

    init(population: SyntheticPopulation, size: Int, facility: FacilityCode, staff: Staff) throws {
        var sets: [ChangeSet] = []
        var legacyOnly = 0
        let access = Access(by: staff, purpose: "records migrated from the previous system")
        let verifiedAt = VietnamTime.instant(
            try CalendarDate(year: population.referenceDate.year, month: 1, day: 15),
            hour: 9
        )
        for index in 0..<size where index % 10 < 7 {
            let person = try population.person(at: index)
            let reading = person.reading
            var patient = Patient(
                demographics: Demographics(
                    name: reading.name,
                    dateOfBirth: reading.dateOfBirth,
                    sex: reading.sex,
                    address: reading.address
                )
            )
            if let legacy = reading.legacyID, index % 4 == 0 {
                // Registered before the chip card: known by the CMND alone.
                patient.identifiers = [.legacyID(legacy, status: .active)]
                legacyOnly += 1
            } else {
                patient.identifiers = [.personalID(reading.personalID, since: reading.issueDate)]
                if let legacy = reading.legacyID { patient.identifiers.append(.legacyID(legacy)) }
                patient.recordCard(IDCardRecord(reading))
            }
            var changes = ChangeSet(access)
            if let card = person.insuranceCard {
                patient.addIdentifier(.socialInsuranceNumber(card.socialInsuranceNumber))
                // This year's card, confirmed by the insurer at a January visit.
                changes.save(
                    Coverage(
                        id: CoverageID(patient: patient.id, cardCode: card, validFrom: person.cardValidity.start),
                        patientID: patient.id,
                        cardCode: card,
                        registeredFacility: facility,
                        validity: person.cardValidity,
                        verification: .verified(at: verifiedAt, by: staff, result: .valid)
                    )
                )
            }
            changes.save(patient)
            sets.append(changes)
        }
        changeSets = sets
        registered = sets.count
        self.legacyOnly = legacyOnly
    }
}
