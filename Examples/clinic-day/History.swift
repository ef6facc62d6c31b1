import ChipChart
import ChipChartTesting
import Foundation

/// The clinic's past: most of the population is already registered, some of them years ago
/// under their old CMND number only, with the insurance card they had then.
///
/// Seven people in ten are registered: the `n`-th registered person (`n` from 0) is the
/// population's person ``person(registered:)``. The change sets are made one at a time, so any
/// part of the past can be loaded, in chunks, without holding the rest in memory.
struct History: Sendable {
    let population: SyntheticPopulation
    let size: Int
    let facility: FacilityCode
    let staff: Staff

    /// The people of the population registered before the first morning.
    var registeredCount: Int { size / 10 * 7 + min(size % 10, 7) }

    /// The population index of the `n`-th registered person.
    func person(registered n: Int) -> Int { n / 7 * 10 + n % 7 }

    /// One registered person's records as they were migrated: the patient and, when insured, the
    /// coverage, in one change set; and whether the patient is known by the old CMND alone.
    func changes(registering n: Int) throws -> (changes: ChangeSet, legacyOnly: Bool) {
        let index = person(registered: n)
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
        var legacyOnly = false
        if let legacy = reading.legacyID, index % 4 == 0 {
            // Registered before the chip card: known by the CMND alone.
            patient.identifiers = [.legacyID(legacy, status: .active)]
            legacyOnly = true
        } else {
            patient.identifiers = [.personalID(person.personalID, since: reading.issueDate)]
            if let legacy = reading.legacyID { patient.identifiers.append(.legacyID(legacy)) }
            if let card = IDCardRecord(reading) { patient.recordCard(card) }
        }
        var changes = ChangeSet(Access(by: staff, purpose: Self.purpose))
        if let card = person.insuranceCard {
            patient.addIdentifier(.socialInsuranceNumber(card.socialInsuranceNumber))
            // This year's card, confirmed by the insurer at a January visit.
            let verifiedAt = VietnamTime.instant(
                try CalendarDate(year: population.referenceDate.year, month: 1, day: 15),
                hour: 9
            )
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
        return (changes, legacyOnly)
    }

    /// Whether the `n`-th registered person is in the store: looked up by the identifier they
    /// were registered under, and recognised by name and date of birth (an old CMND number may
    /// have been reused by someone else). The lookup is an audited read.
    func isLoaded(registered n: Int, in store: any RecordStore) async throws -> Bool {
        let person = try population.person(at: person(registered: n))
        let reading = person.reading
        let key: PatientIdentifier.Key
        if let legacy = reading.legacyID, self.person(registered: n) % 4 == 0 {
            key = .legacyID(legacy)
        } else {
            key = .personalID(person.personalID)
        }
        let access = Access(by: staff, purpose: Self.resumePurpose)
        guard let patient = try await store.patient(identifiedBy: key, for: access) else { return false }
        return patient.demographics.name == reading.name && patient.demographics.dateOfBirth == reading.dateOfBirth
    }

    /// The purpose of the migration's writes in the audit trail.
    static let purpose = "records migrated from the previous system"
    /// The purpose of the reads that find where an interrupted migration stopped.
    static let resumePurpose = "records migration: finding where it stopped"
}
