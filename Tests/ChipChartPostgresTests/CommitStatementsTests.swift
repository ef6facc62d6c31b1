#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite("PostgresStore's commit: as few statements as the rows allow")
    struct CommitStatementsTests {
        static let tables = Tables(schema: "chipchart")

        /// A check-in's change set: the patient (new, or stored at version 1), a new coverage and
        /// a new visit applying it, and the visit `replacing` (stored at version 1) closed by it.
        static func checkIn(storedPatient: Bool, closing replacing: Bool) throws -> ChangeSet {
            let population = SyntheticPopulation(seed: 11)
            let person = try population.person(at: 0)
            var patient = person.newPatient()
            if storedPatient { patient.version = 1 }
            let facility = try FacilityCode("01001")
            let coverage = Coverage(
                patientID: patient.id,
                cardCode: try InsuranceCardCode("GD4010123456789"),
                validity: person.cardValidity
            )
            var changes = ChangeSet(Access(by: try population.staff(), purpose: "check-in"))
            changes.save(patient)
            changes.save(coverage)
            let now = Date(timeIntervalSince1970: 1_764_400_000)
            if replacing {
                let earlier = try Visit(key: "01001-a", patientID: patient.id, facility: facility, admittedAt: now)
                var closed = earlier
                closed.version = 1
                closed.status = .closed
                changes.save(closed)
            }
            let applied = [Visit.AppliedCoverage(coverage, from: now)]
            changes.save(
                try Visit(
                    key: "01001-b",
                    patientID: patient.id,
                    facility: facility,
                    admittedAt: now,
                    appliedCoverages: applied
                )
            )
            return changes
        }

        struct Shape: Sendable, CustomStringConvertible {
            let description: String
            let storedPatient: Bool
            let closing: Bool
            /// How many batches each statement writes.
            let steps: [Int]
        }

        @Test(
            "a check-in is one statement, split only where a write must see an earlier one",
            arguments: [
                Shape(description: "new patient", storedPatient: false, closing: false, steps: [5]),
                // Update and release; then identifiers, coverage, visit, applied coverage.
                Shape(description: "known patient", storedPatient: true, closing: false, steps: [2, 4]),
                // Patient, identifiers, coverage, the closed visit; then the new visit and its coverage.
                Shape(description: "new patient, a visit closed", storedPatient: false, closing: true, steps: [4, 2]),
            ]
        )
        func statements(_ shape: Shape) throws {
            let changes = try Self.checkIn(storedPatient: shape.storedPatient, closing: shape.closing)
            let rows = try CommitRows(changes, stored: changes.receipt(with: []))
            let statements = CommitStatements(rows, tables: Self.tables)
            #expect(statements.statements.map(\.count) == shape.steps)
            let last = try #require(statements.statements.last)
            let sql = statements.query(last, claimingFor: 4).sql
            #expect(sql.contains("FOR UPDATE SKIP LOCKED"), "the last statement claims the chain")
            #expect(sql.contains("generate_series(1, $"), "the number of events is bound, not written in")
            #expect(!sql.contains(") = 1"), "so are the numbers of rows")
        }

        /// How a returning check-in changes the stored coverage.
        enum CoverageChange { case new, updated }

        /// A returning patient's check-in: the patient stored at version 1 (saved again when
        /// `updated`), the coverage stored at version 1 (not saved when `coverage` is `nil`, saved
        /// as updated or as a new card's), a new visit applying it.
        static func returning(updated: Bool, coverage: CoverageChange?) throws -> ChangeSet {
            let checkIn = try checkIn(storedPatient: true, closing: false)
            var changes = ChangeSet(checkIn.access)
            if updated { for patient in checkIn.patients { changes.save(patient) } }
            if let coverage {
                for var stored in checkIn.coverages {
                    stored.version = coverage == .new ? 0 : 1
                    changes.save(stored)
                }
            }
            for visit in checkIn.visits { changes.save(visit) }
            return changes
        }

        /// A visit's closing: the visit stored at version 1, saved closed.
        static func closing() throws -> ChangeSet {
            let checkIn = try checkIn(storedPatient: true, closing: true)
            var changes = ChangeSet(checkIn.access)
            for visit in checkIn.visits where visit.version > 0 { changes.save(visit) }
            return changes
        }

        struct PreparedCase: Sendable, CustomStringConvertible {
            let description: String
            let changes: @Sendable () throws -> ChangeSet
            /// The prepared statement each of the commit's statements runs as.
            let shapes: [any PreparedCommitShape.Type]
        }

        @Test(
            "each common commit's statements, written with bare names, are the prepared statements' text",
            arguments: [
                PreparedCase(
                    description: "new patient",
                    changes: { try checkIn(storedPatient: false, closing: false) },
                    shapes: [PreparedCommits.NewPatientCheckIn.self]
                ),
                PreparedCase(
                    description: "returning patient, coverage unchanged",
                    changes: { try returning(updated: false, coverage: nil) },
                    shapes: [PreparedCommits.ReturningCheckIn.self]
                ),
                PreparedCase(
                    description: "returning patient, a new card",
                    changes: { try returning(updated: false, coverage: .new) },
                    shapes: [PreparedCommits.ReturningCheckInNewCoverage.self]
                ),
                PreparedCase(
                    description: "returning patient, coverage updated",
                    changes: { try returning(updated: false, coverage: .updated) },
                    shapes: [PreparedCommits.ReturningCheckInUpdatedCoverage.self]
                ),
                PreparedCase(
                    description: "returning patient updated, coverage unchanged",
                    changes: { try returning(updated: true, coverage: nil) },
                    shapes: [PreparedCommits.UpdatedPatientRelease.self, PreparedCommits.UpdatedPatientCheckIn.self]
                ),
                PreparedCase(
                    description: "returning patient updated, a new card",
                    changes: { try returning(updated: true, coverage: .new) },
                    shapes: [
                        PreparedCommits.UpdatedPatientRelease.self,
                        PreparedCommits.UpdatedPatientCheckInNewCoverage.self,
                    ]
                ),
                PreparedCase(
                    description: "returning patient updated, coverage updated",
                    changes: { try returning(updated: true, coverage: .updated) },
                    shapes: [
                        PreparedCommits.UpdatedPatientRelease.self,
                        PreparedCommits.UpdatedPatientCheckInUpdatedCoverage.self,
                    ]
                ),
                PreparedCase(
                    description: "a visit closed",
                    changes: { try closing() },
                    shapes: [PreparedCommits.VisitClosing.self]
                ),
            ]
        )
        func preparedShapes(_ shape: PreparedCase) throws {
            let changes = try shape.changes()
            let rows = try CommitRows(changes, stored: changes.receipt(with: []))
            let statements = CommitStatements(rows, tables: .onSearchPath)
            #expect(statements.statements.count == shape.shapes.count)
            for (index, (steps, prepared)) in zip(statements.statements, shape.shapes).enumerated() {
                let claimed = index == statements.statements.count - 1
                for events in claimed ? [1, 4, 9] : [0] {
                    let sql = statements.query(steps, claimingFor: events).sql
                    #expect(sql == prepared.sql, "statement \(index) runs as \(prepared.name)")
                    #expect(PreparedCommits.byText[sql] != nil)
                }
                let qualified = CommitStatements(rows, tables: Self.tables)
                #expect(qualified.query(qualified.statements[index], claimingFor: claimed ? 4 : 0).sql != prepared.sql)
            }
        }

        @Test("the prepared statements: one text and one name each, no schema written in")
        func preparedTexts() {
            let texts = PreparedCommits.shapes.map { $0.sql }
            #expect(Set(texts).count == texts.count)
            #expect(Set(PreparedCommits.shapes.map { $0.name }).count == texts.count)
            #expect(PreparedCommits.byText.count == texts.count)
            for text in texts {
                #expect(text.hasPrefix("WITH s0 AS ("))
                #expect(!text.contains("\"chipchart\""), "no schema in the prepared text")
            }
            #expect(!PreparedAuditAppend.sql.contains("\""))
        }

        @Test("events alone: one statement that only claims a chain")
        func eventsAlone() {
            let statements = CommitStatements(nil, tables: Self.tables)
            #expect(statements.statements.map(\.count) == [0])
            #expect(statements.query([], claimingFor: 1).sql.contains("LEFT JOIN claim ON true"))
        }
    }

    @Suite(
        "PostgresStore's commit statements against a server: the first error is the first batch's",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(1))
    )
    struct CommitStatementsServerTests {
        @Test("a stale new patient is a version conflict, though another patient now holds its identifier")
        func staleNewPatient() async throws {
            let store = try await PostgresTestServer.freshStore("stalenew")
            let population = SyntheticPopulation(seed: 12)
            let access = Access(by: try population.staff(), purpose: "check-in")
            let person = try population.person(at: 0)
            var first = ChangeSet(access)
            first.save(person.newPatient())
            var moved = try #require(try await store.commit(first).patients.first)
            for index in moved.identifiers.indices { moved.identifiers[index].status = .superseded }
            var release = ChangeSet(access)
            release.save(moved)
            try await store.commit(release)
            var other = ChangeSet(access)
            other.save(person.newPatient())
            try await store.commit(other)

            // Its identifiers would break the unique index, but its patient is written first and
            // is not new any more: nothing after it in the statement is written.
            let error = await #expect(throws: StoreError.self) { try await store.commit(first) }
            #expect(error?.code == .versionConflict)
            #expect(error?.recordKind == .patient)
        }
    }
#endif
