#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import ChipChartTesting
    import Foundation
    import PostgresNIO
    import Testing

    @Suite(
        "PostgresStore under many desks",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresConcurrencyTests {
        /// One desk's check-in: find the person by personal ID or register them, then open a
        /// visit; a lost race (duplicate identifier, stale version) is answered by reading again.
        static func checkIn(
            _ person: SyntheticPopulation.Person,
            visitKey: String,
            at instant: Date,
            store: PostgresStore,
            staff: Staff
        ) async throws -> Int {
            let access = Access(by: staff, purpose: "check-in")
            let facility = try FacilityCode("01001")
            var retries = 0
            while true {
                var changes = ChangeSet(access)
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
                patient.demographics.phone = "09\(visitKey.suffix(8))"
                changes.save(patient)
                var applied: [Visit.AppliedCoverage] = []
                if found == nil, let card = person.insuranceCard {
                    let coverage = Coverage(
                        patientID: patient.id,
                        cardCode: card,
                        registeredFacility: facility,
                        validity: person.cardValidity
                    )
                    changes.save(coverage)
                    applied.append(Visit.AppliedCoverage(coverage, from: instant))
                } else if let coverage = try await store.coverages(ofPatient: patient.id, for: access).last {
                    applied.append(Visit.AppliedCoverage(coverage, from: instant))
                }
                // A finished visit: one person holds one open visit a day, and people come back.
                changes.save(
                    try Visit(
                        key: visitKey,
                        patientID: patient.id,
                        facility: facility,
                        admittedAt: instant,
                        dischargedAt: instant,
                        appliedCoverages: applied,
                        status: .closed
                    )
                )
                do {
                    try await store.commit(changes)
                    return retries
                } catch let error as StoreError
                    where error.code == .duplicateIdentifier || error.code == .versionConflict
                {
                    retries += 1
                }
            }
        }

        @Test("desks on several connections checking in overlapping people make one patient each and lose no visit")
        func overlappingCheckIns() async throws {
            var configuration = try PostgresTestServer.configuration()
            configuration.options.maximumConnections = 6
            let client = PostgresTestServer.makeRunningClient(configuration)
            let store = try await PostgresTestServer.freshStore("desks", client: client)
            let population = SyntheticPopulation(seed: 8)
            let people = try population.people(count: 20)
            let staff = try population.staff()
            let desks = 12
            let checkInsPerDesk = 10
            let start = Date(timeIntervalSince1970: 1_772_409_600)
            var expectedVisits: [String: Int] = [:]
            for desk in 0..<desks {
                for turn in 0..<checkInsPerDesk {
                    expectedVisits[
                        people[(desk * 3 + turn * 7) % people.count].personalID.digits,
                        default: 0
                    ] += 1
                }
            }

            let retries = try await withThrowingTaskGroup(of: Int.self) { group in
                for desk in 0..<desks {
                    group.addTask {
                        var retries = 0
                        for turn in 0..<checkInsPerDesk {
                            let person = people[(desk * 3 + turn * 7) % people.count]
                            retries += try await Self.checkIn(
                                person,
                                visitKey: "01001-20260302-\(desk * 1000 + turn)",
                                at: start.addingTimeInterval(Double(desk * 60 + turn)),
                                store: store,
                                staff: staff
                            )
                        }
                        return retries
                    }
                }
                return try await group.reduce(0, +)
            }

            let reader = Access(by: staff, purpose: "verification")
            var patientIDs: Set<PatientID> = []
            for (digits, visitCount) in expectedVisits {
                let patient = try #require(
                    try await store.patient(identifiedBy: .personalID(try PersonalID(digits)), for: reader)
                )
                patientIDs.insert(patient.id)
                let visits = try await store.visits(ofPatient: patient.id, for: reader)
                #expect(visits.count == visitCount, "every check-in of one person kept its visit")
                #expect(Set(visits.map(\.key)).count == visitCount, "no visit written twice")
            }
            #expect(patientIDs.count == expectedVisits.count, "one patient per person")
            let counts = try await client.query(
                """
                SELECT (SELECT count(*) FROM \(unescaped: "\"\(store.schema)\"").patients),
                       (SELECT count(*) FROM \(unescaped: "\"\(store.schema)\"").visits)
                """
            )
            for try await (patients, visits) in counts.decode((Int, Int).self) {
                #expect(patients == expectedVisits.count, "no duplicate patient row")
                #expect(visits == desks * checkInsPerDesk, "no visit lost")
            }
            let verification = try await store.verifyAuditTrail()
            #expect(verification.isIntact, "the audit chain survives \(desks) desks: \(verification)")
            #expect(
                retries > 0,
                "the desks did race each other (\(retries) retries), so the test exercised the database"
            )
        }
    }
#endif
