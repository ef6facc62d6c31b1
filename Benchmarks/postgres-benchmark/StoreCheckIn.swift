#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation

    /// A reception-desk check-in through a store (PostgreSQL or SQLite, the same code): look the
    /// card's personal ID up, then commit the patient, the insurance coverage and the visit as one
    /// change set.
    enum StoreCheckIn {
        static let facility = try? FacilityCode("01001")

        static func checkIn(_ person: SyntheticPopulation.Person, store: some RecordStore, staff: Staff) async throws {
            guard let facility else { return }
            let access = Access(by: staff, purpose: "check-in")
            let now = Date()
            let found = try await store.patient(identifiedBy: .personalID(person.personalID), for: access)
            var patient =
                found
                ?? Patient(
                    demographics: Demographics(
                        name: person.reading.name,
                        dateOfBirth: person.reading.dateOfBirth,
                        sex: person.reading.sex,
                        address: person.reading.address
                    )
                )
            patient.addIdentifier(.personalID(person.personalID))
            if let card = IDCardRecord(person.reading) { patient.recordCard(card) }
            let coverage = Coverage(
                patientID: patient.id,
                cardCode: try person.insuranceCard
                    ?? InsuranceCardCode("GD401\(person.personalID.digits.suffix(10))"),
                registeredFacility: facility,
                validity: person.cardValidity
            )
            var changes = ChangeSet(access)
            changes.save(patient)
            changes.save(coverage)
            changes.save(
                // A finished visit: people come back, and one person holds one open visit a day.
                try Visit(
                    key: "01001-\(person.index)",
                    patientID: patient.id,
                    facility: facility,
                    admittedAt: now,
                    dischargedAt: now,
                    appliedCoverages: [Visit.AppliedCoverage(coverage, from: now)],
                    status: .closed
                )
            )
            try await store.commit(changes)
        }
    }
#endif
