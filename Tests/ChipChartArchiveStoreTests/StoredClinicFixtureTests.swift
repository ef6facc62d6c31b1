import ChipChart
import ChipChartArchive
import ChipChartTesting
import Foundation
import Testing

@_spi(RecordFormat) @testable import ChipChartSQLite

/// Files written by earlier releases open and read identically with this one: an archive, an
/// SQLite file of this release (schema 3, record format 2), and one as the release before wrote
/// it (schema 2, format 1). The files in `Fixtures/` are never rewritten; a release that changes
/// a format adds files beside them. `CHIPCHART_WRITE_FIXTURES=1` writes the ones that are missing.
@Suite("Stored clinics from earlier releases", .serialized)
struct StoredClinicFixtureTests {
    static let archive = StoredClinic.fixtures.appendingPathComponent("clinic-2026-11.chipchart.gz")
    static let sqliteFiles = [
        StoredClinic.fixtures.appendingPathComponent("clinic-2026-11-schema2-format1.sqlite"),
        StoredClinic.fixtures.appendingPathComponent("clinic-2026-11-schema3-format2.sqlite"),
    ]

    static func writeMissingFixtures() async throws {
        guard ProcessInfo.processInfo.environment["CHIPCHART_WRITE_FIXTURES"] != nil else { return }
        try FileManager.default.createDirectory(at: StoredClinic.fixtures, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: archive.path) {
            let store = try await StoredClinic.build()
            let staff = Staff(
                name: try PersonName("Phạm Quốc Quản Lý"),
                personalID: try PersonalID("001180000009"),
                role: .administrator
            )
            try await ArchiveWriter.export(
                store,
                to: archive,
                by: Access(by: staff, purpose: "golden files"),
                createdAt: try StoredClinic.day(4, 7)
            )
        }
        let current = sqliteFiles[1]
        if !FileManager.default.fileExists(atPath: current.path) {
            do {
                let store = try SQLiteStore(path: current.path)
                try await ArchiveReader.restore(from: archive, into: store)
            }
        }
        let previous = sqliteFiles[0]
        if !FileManager.default.fileExists(atPath: previous.path) {
            try FileManager.default.copyItem(at: current, to: previous)
            try rewriteAsFormatOne(previous.path)
        }
    }

    /// Turns a schema-3 file back into what schema 2 wrote: every body positional, version 2.
    static func rewriteAsFormatOne(_ path: String) throws {
        let connection = try SQLiteConnection(.init(path: path, busyTimeoutMilliseconds: 1_000))
        let coder = RecordCoder()
        let positional = BinaryRecordEncoder()
        func rewrite<Record: EvolvableRecord>(_ table: String, _ type: Record.Type) throws {
            let rows = try connection.withStatement("SELECT pk, body FROM \(table)") { statement in
                var rows: [(Int64, [UInt8])] = []
                while try statement.step() {
                    let record = try statement.withBlob(1) { try coder.decode(type, from: $0) }
                    rows.append((statement.int64(0), try positional.encode(record)))
                }
                return rows
            }
            try connection.withStatement("UPDATE \(table) SET body = ?2 WHERE pk = ?1") { statement in
                for (pk, body) in rows {
                    try statement.bind(pk, at: 1)
                    try statement.bind(body, at: 2)
                    try statement.run()
                    statement.reset()
                }
            }
        }
        try rewrite("patient", Patient.self)
        try rewrite("coverage", Coverage.self)
        try rewrite("visit", Visit.self)
        try connection.execute("PRAGMA user_version = 2")
    }

    /// A copy of a fixture in a fresh folder: opening a file migrates it.
    static func copy(_ fixture: URL) throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(fixture.lastPathComponent).path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return (folder, path)
    }

    @Test("each SQLite file opens and reads as the archive of the same clinic", arguments: sqliteFiles)
    func sqliteFileReadsAsTheArchive(_ fixture: URL) async throws {
        try await Self.writeMissingFixtures()
        let expected = try ArchiveReader.read(from: Self.archive)
        let (folder, path) = try Self.copy(fixture)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: path)
        let records = try await StoredClinic.records(of: store)
        let patients = records.compactMap { if case .patient(let patient) = $0 { patient } else { nil } }
        let coverages = records.compactMap { if case .coverage(let coverage) = $0 { coverage } else { nil } }
        let visits = records.compactMap { if case .visit(let visit) = $0 { visit } else { nil } }
        let events = records.compactMap { if case .auditEvent(let event) = $0 { event } else { nil } }
        #expect(patients == expected.patients)
        #expect(coverages == expected.coverages)
        #expect(visits == expected.visits)
        #expect(events == expected.auditEvents)
        #expect(try await store.verifyAuditTrail().isIntact)
        try Self.checkTheClinic(patients: patients, coverages: coverages, visits: visits)
    }

    @Test func theArchiveRestoresIntoAnEmptyStore() async throws {
        try await Self.writeMissingFixtures()
        let expected = try ArchiveReader.read(from: Self.archive)
        let store = InMemoryStore()
        try await ArchiveReader.restore(from: Self.archive, into: store)
        let records = try await StoredClinic.records(of: store)
        #expect(
            records.count == expected.patients.count + expected.coverages.count + expected.visits.count
                + expected.auditEvents.count
        )
        try Self.checkTheClinic(patients: expected.patients, coverages: expected.coverages, visits: expected.visits)
    }

    /// What the clinic is known to hold, field by field where it matters.
    static func checkTheClinic(patients: [Patient], coverages: [Coverage], visits: [Visit]) throws {
        #expect(patients.count == 5 && coverages.count == 3 && visits.count == 6)
        let a = try #require(patients.first { $0.personalID?.digits == "001099012345" })
        let legacyOfA = try LegacyIDNumber("012345678")
        #expect(a.demographics.name.text == "Nguyễn Văn A" && a.holds(.legacyID(legacyOfA)))
        let cardsOfA = coverages.filter { $0.patientID == a.id }
        #expect(Set(cardsOfA.map(\.cardCode.value)) == ["DN4010123456789", "HC4010123456789"])
        #expect(cardsOfA.contains { $0.replacedBy != nil } && cardsOfA.contains { $0.replaces != nil })
        let visitsOfA = visits.filter { $0.patientID == a.id }.sorted { $0.admittedAt < $1.admittedAt }
        #expect(visitsOfA.map(\.status) == [.closed, .open])
        #expect(visitsOfA.first?.diagnoses == [try ICD10Code("J06.9")])
        #expect(visitsOfA.last?.kind == .inpatient)
        let b = try #require(patients.first { $0.personalID?.digits == "001185004321" })
        #expect(b.identifiers.map(\.kind).contains(.facilityRecordNumber), "the CMND record gained the personal ID")
        let birth = try DateOfBirth(parsing: "12071985")
        #expect(b.demographics.dateOfBirth == birth)
        let merged = try #require(patients.first { $0.mergedInto != nil })
        #expect(patients.contains { $0.id == merged.mergedInto && $0.personalID?.digits == "079090001234" })
        let d = try #require(patients.first { $0.personalID?.digits == "001199000777" })
        let visitOfD = try #require(visits.first { $0.patientID == d.id })
        #expect(visitOfD.status == .open && visitOfD.appliedCoverages.isEmpty)
    }
}
