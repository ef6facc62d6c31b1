#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore name search",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresSearchPlanTests {
        @Test("the name search is a range of the name index, with and without a birth year", arguments: [nil, 1990])
        func searchUsesTheIndex(_ birthYear: Int?) async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await PostgresTestServer.freshStore("plan")
            let population = SyntheticPopulation(seed: 5)
            var changes = ChangeSet(Access(by: try population.staff(), purpose: "registration"))
            for person in try population.people(count: 300) {
                var patient = Patient(
                    demographics: Demographics(
                        name: person.reading.name,
                        dateOfBirth: person.reading.dateOfBirth,
                        sex: person.reading.sex
                    )
                )
                patient.addIdentifier(.personalID(person.personalID))
                changes.save(patient)
            }
            try await store.commit(changes)
            let query = PostgresStore.nameSearch(in: store.tables, namePrefix: "Nguyễn V", bornIn: birthYear, limit: 10)
            let logger = Logger(label: "test")
            let plan = try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                try await connection.query("ANALYZE \(unescaped: store.tables.patients)", logger: logger)
                try await connection.query("SET LOCAL enable_seqscan = off", logger: logger)
                var explain = query
                explain.sql = "EXPLAIN " + explain.sql
                var lines: [String] = []
                for try await line in try await connection.query(explain, logger: logger).decode(String.self) {
                    lines.append(line)
                }
                try await connection.query("ROLLBACK", logger: logger)
                return lines.joined(separator: "\n")
            }
            #expect(plan.contains("patients_name_search"), "\(plan)")
            #expect(plan.contains("Index Cond: ((name_key >="), "\(plan)")
        }
    }
#endif
