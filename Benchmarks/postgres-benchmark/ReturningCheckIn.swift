#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation

    /// A returning patient's check-in through a store, then the visit's closing: look the card's
    /// personal ID up and read the patient's coverages, commit a new visit applying the stored
    /// coverage (the patient and the coverage unchanged), then commit the visit closed.
    enum ReturningCheckIn {
        /// How many patients each desk sees in turn.
        static let patientsPerDesk = 64

        /// A returning patient the store does not hold.
        struct Missing: Error {}

        /// Checks in `count` new people (from `offset` on) so that they can come back: outside
        /// the timed part of a run.
        static func load(
            _ count: Int,
            from offset: Int,
            of population: SyntheticPopulation,
            store: some RecordStore,
            staff: Staff
        ) async throws -> [SyntheticPopulation.Person] {
            var people: [SyntheticPopulation.Person] = []
            for index in offset..<(offset + count) {
                let person = try population.person(at: index)
                try await StoreCheckIn.checkIn(person, store: store, staff: staff)
                people.append(person)
            }
            return people
        }

        static func checkIn(_ person: SyntheticPopulation.Person, store: some RecordStore, staff: Staff) async throws {
            guard let facility = StoreCheckIn.facility else { return }
            let access = Access(by: staff, purpose: "check-in")
            guard let patient = try await store.patient(identifiedBy: .personalID(person.personalID), for: access)
            else { throw Missing() }
            let coverages = try await store.coverages(ofPatient: patient.id, for: access)
            let now = Date()
            var opening = ChangeSet(access)
            opening.save(
                try Visit(
                    key: "01001-\(person.index)-" + UUID().uuidString.prefix(8),
                    patientID: patient.id,
                    facility: facility,
                    admittedAt: now,
                    appliedCoverages: coverages.prefix(1).map { Visit.AppliedCoverage($0, from: now) }
                )
            )
            guard var visit = try await store.commit(opening).visits.first else { throw Missing() }
            visit.dischargedAt = max(now, Date())
            visit.status = .closed
            var closing = ChangeSet(Access(by: staff, purpose: "discharge"))
            closing.save(visit)
            try await store.commit(closing)
        }
    }
#endif
