#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @Suite(
        "PostgresStore's prepared statements: one connection, many schemas, a host that discards",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(1))
    )
    struct PostgresPreparedStatementTests {
        /// A client of one connection, so every store and every query below shares its session.
        static func oneConnectionClient() throws -> PostgresClient {
            var configuration = try PostgresTestServer.configuration()
            configuration.options.maximumConnections = 1
            return PostgresTestServer.makeRunningClient(configuration)
        }

        /// People with an insurance card: a new one's check-in is the statement prepared.
        static func insuredPeople(_ count: Int, seed: UInt64) throws -> [SyntheticPopulation.Person] {
            try SyntheticPopulation(seed: seed).people(count: 4 * count).filter { $0.insuranceCard != nil }
                .prefix(count).map { $0 }
        }

        /// Commits a new patient's check-in for `person` — patient, identifier, coverage, a
        /// visit applying it — without looking them up first: the shape that is prepared.
        static func checkIn(_ person: SyntheticPopulation.Person, _ turn: Int, into store: PostgresStore) async throws {
            let population = SyntheticPopulation(seed: 1)
            let facility = try FacilityCode("01001")
            let at = Date(timeIntervalSince1970: 1_772_409_600 + Double(turn))
            let patient = person.newPatient()
            let card = try #require(person.insuranceCard)
            let coverage = Coverage(patientID: patient.id, cardCode: card, validity: person.cardValidity)
            var changes = ChangeSet(Access(by: try population.staff(), purpose: "check-in"))
            changes.save(patient)
            changes.save(coverage)
            changes.save(
                try Visit(
                    key: "01001-\(turn)",
                    patientID: patient.id,
                    facility: facility,
                    admittedAt: at,
                    dischargedAt: at,
                    appliedCoverages: [Visit.AppliedCoverage(coverage, from: at)],
                    status: .closed
                )
            )
            try await store.commit(changes)
        }

        /// The names of the statements prepared in the client's one session, and its `search_path`.
        static func session(of client: PostgresClient) async throws -> (prepared: Set<String>, searchPath: String) {
            try await client.withConnection { connection in
                var names: Set<String> = []
                let rows = try await connection.query(
                    "SELECT name FROM pg_prepared_statements",
                    logger: .init(label: "t")
                )
                for try await name in rows.decode(String.self) { names.insert(name) }
                var path = ""
                let shown = try await connection.query("SHOW search_path", logger: .init(label: "t"))
                for try await value in shown.decode(String.self) { path = value }
                return (names, path)
            }
        }

        /// A store of its own on a client of one connection, `count` insured people, and the
        /// first of them checked in (so the check-in is prepared on the connection).
        static func storeAfterOneCheckIn(
            _ purpose: String,
            people count: Int,
            seed: UInt64
        ) async throws -> (client: PostgresClient, store: PostgresStore, people: [SyntheticPopulation.Person]) {
            let client = try oneConnectionClient()
            let store = try await PostgresTestServer.freshStore(purpose, client: client)
            let people = try insuredPeople(count, seed: seed)
            try await checkIn(people[0], 0, into: store)
            return (client, store, people)
        }

        /// How many patients `store`'s schema holds, counted by the server.
        static func patientCount(_ store: PostgresStore) async throws -> Int {
            let rows = try await store.client.query(
                "SELECT count(*) FROM \(unescaped: "\"\(store.schema)\"").patients"
            )
            var count = -1
            for try await value in rows.decode(Int.self) { count = value }
            return count
        }

        @Test("two stores in two schemas on one connection, check-ins interleaved: each sees only its own rows")
        func twoSchemasOneConnection() async throws {
            let client = try Self.oneConnectionClient()
            let first = try await PostgresTestServer.freshStore("prepfirst", client: client)
            let second = try await PostgresTestServer.freshStore("prepsecond", client: client)
            let people = try Self.insuredPeople(6, seed: 31)
            let (ours, theirs) = (Array(people.prefix(4)), Array(people.suffix(2)))
            for (turn, person) in ours.enumerated() {
                try await Self.checkIn(person, turn, into: first)
                if turn < theirs.count { try await Self.checkIn(theirs[turn], turn, into: second) }
            }

            let session = try await Self.session(of: client)
            #expect(session.prepared.contains("chipchart_check_in_v1"), "the check-in is prepared on the connection")
            #expect(session.prepared.contains("chipchart_audit_append_v1"))
            #expect(!session.searchPath.contains("prep"), "no schema is left on the connection")
            #expect(try await Self.patientCount(first) == ours.count)
            #expect(try await Self.patientCount(second) == theirs.count)
            let reader = Access(by: try SyntheticPopulation(seed: 1).staff(), purpose: "verification")
            for person in ours {
                let key = PatientIdentifier.Key.personalID(person.personalID)
                #expect(try await first.patient(identifiedBy: key, for: reader) != nil)
                #expect(try await second.patient(identifiedBy: key, for: reader) == nil)
            }
            #expect(try await first.verifyAuditTrail().isIntact)
            #expect(try await second.verifyAuditTrail().isIntact)
        }

        @Test("a schema changed while its check-in is prepared on a pooled connection still takes check-ins")
        func schemaChangedUnderPreparedStatement() async throws {
            let (client, store, people) = try await Self.storeAfterOneCheckIn("prepmigrated", people: 2, seed: 32)
            // What a later migration might do to the tables the prepared statements name.
            let schema = "\"\(store.schema)\""
            try await client.query("ALTER TABLE \(unescaped: schema).patients ADD COLUMN later_note text")
            try await client.query("CREATE INDEX visits_later ON \(unescaped: schema).visits (admitted_at, id)")
            try await client.query("ALTER TABLE \(unescaped: schema).audit_events ADD COLUMN later_flag boolean")
            try await Self.checkIn(people[1], 1, into: store)
            #expect(try await Self.patientCount(store) == 2)
            #expect(try await store.verifyAuditTrail().isIntact)
        }

        @Test("a host that ran DISCARD ALL on the pooled connection: the next check-in is still written")
        func discardedStatements() async throws {
            let (client, store, people) = try await Self.storeAfterOneCheckIn("prepdiscard", people: 3, seed: 33)
            #expect(try await Self.session(of: client).prepared.contains("chipchart_check_in_v1"))
            try await client.query("DISCARD ALL")
            try await Self.checkIn(people[1], 1, into: store)
            try await Self.checkIn(people[2], 2, into: store)
            #expect(try await Self.patientCount(store) == 3)
            #expect(try await store.verifyAuditTrail().isIntact)
        }

        @Test("a check-in that failed to prepare (its schema dropped) does not fail another store's on that connection")
        func failedPreparationStaysWithItsStore() async throws {
            let client = try Self.oneConnectionClient()
            let dropped = try await PostgresTestServer.freshStore("prepdropped", client: client)
            let kept = try await PostgresTestServer.freshStore("prepkept", client: client)
            try await client.query("DROP SCHEMA \(unescaped: "\"\(dropped.schema)\"") CASCADE")
            let people = try Self.insuredPeople(2, seed: 34)
            let error = await #expect(throws: StoreError.self) { try await Self.checkIn(people[0], 0, into: dropped) }
            #expect(error?.code == .incompatibleStorage)
            try await Self.checkIn(people[1], 1, into: kept)
            #expect(try await Self.patientCount(kept) == 1)
        }
    }
#endif
