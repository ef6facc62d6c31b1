#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Testing

    @testable import ChipChartPostgres

    /// A restore takes the identifier and visit-coverage rows in the order of its records; a
    /// commit sorts them. Both hold the same rows, each once.
    @Suite("PostgresStore's rows of identifiers and applied coverages, sorted or not")
    struct RestoreRowsTests {
        /// Patients of a synthetic population, one of them holding an identifier twice (first
        /// superseded, then active) and one an identifier three times, the active one first.
        static func patients() throws -> [Patient] {
            let population = SyntheticPopulation(seed: 5)
            var patients = try (0..<6).map { try population.person(at: $0).newPatient() }
            let legacy = try PatientIdentifier(kind: .legacyID, value: "012345678", status: .superseded)
            patients[1].identifiers += [legacy, try PatientIdentifier(kind: .legacyID, value: "012345678")]
            let passport = try PatientIdentifier(kind: .passport, value: "B1234567")
            var merged = passport
            merged.status = .merged
            patients[4].identifiers += [passport, merged, merged]
            return patients
        }

        @Test("identifier rows: the same rows in either order, an active entry winning")
        func identifiers() throws {
            let patients = try Self.patients()
            let sorted = CommitRows.identifierRows(patients)
            let unsorted = CommitRows.identifierRows(patients, ordered: false)
            func keys(_ rows: [CommitRows.IdentifierRow]) -> [String] {
                rows.map { "\($0.kind) \($0.value) \($0.patientID) \($0.status)" }
            }
            #expect(Set(keys(sorted)) == Set(keys(unsorted)))
            #expect(Set(keys(unsorted)).count == unsorted.count)
            #expect(sorted.count == unsorted.count)
            let legacy = unsorted.filter { $0.kind == "legacyID" && $0.patientID == patients[1].id.uuid }
            #expect(legacy.map(\.status) == ["active"])
            let passport = unsorted.filter { $0.kind == "passport" && $0.patientID == patients[4].id.uuid }
            #expect(passport.map(\.status) == ["active"])
            #expect(
                sorted.map { [$0.kind, $0.value] }.elementsEqual(
                    sorted.map { [$0.kind, $0.value] }.sorted { $0.lexicographicallyPrecedes($1) }
                )
            )
        }

        @Test("visit-coverage rows: each pair once, in either order")
        func appliedCoverages() throws {
            let patient = try Self.patients()[0]
            let coverage = Coverage(
                patientID: patient.id,
                cardCode: try InsuranceCardCode("GD4010123456789"),
                validity: .unbounded
            )
            let now = Date(timeIntervalSince1970: 1_764_400_000)
            let applied = Visit.AppliedCoverage(coverage, from: now)
            let facility = try FacilityCode("01001")
            let visits = try (0..<3).map { index in
                try Visit(
                    key: "01001-\(index)",
                    patientID: patient.id,
                    facility: facility,
                    admittedAt: now,
                    appliedCoverages: Array(repeating: applied, count: index + 1)
                )
            }
            let sorted = CommitRows.visitCoverageRows(visits)
            let unsorted = CommitRows.visitCoverageRows(visits, ordered: false)
            #expect(unsorted.count == 3)
            #expect(Set(sorted) == Set(unsorted))
            #expect(sorted.count == unsorted.count)
            #expect(unsorted.map(\.visitID) == visits.map(\.id.uuid))
        }
    }
#endif
