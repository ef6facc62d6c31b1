import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

/// Schema 2 adds one open visit per patient and slot to files made by schema 1.
@Suite("One open visit per slot on a file made before the rule")
struct OpenVisitMigrationTests {
    static let firstMigration = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas/sqlite/0001_initial.sql")

    @Test func aVersionOneFileMigratesAndKeepsOpenVisitsWrittenBeforeTheRule() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("clinic.sqlite")
        do {
            let raw = try RawDatabase(path: path)
            try raw.execute("PRAGMA journal_mode = WAL")
            try raw.execute(try String(contentsOf: Self.firstMigration, encoding: .utf8))
            try raw.execute("PRAGMA application_id = \(0x4348_4348)")
            try raw.execute("PRAGMA user_version = 1")
        }
        let store = try SQLiteStore(path: path)
        #expect(try RawDatabase(path: path).rows("PRAGMA user_version") == [["\(SQLiteStore.schemaVersion)"]])

        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        let access = Access(by: staff, purpose: "test")
        let patient = Patient(
            identifiers: [.personalID(try PersonalID("001099012345"))],
            demographics: Demographics(name: try PersonName("Nguyễn Văn A"), dateOfBirth: .year(1999), sex: .male)
        )
        let admitted = VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 8)
        func visit(_ key: String) throws -> Visit {
            try Visit(key: key, patientID: patient.id, facility: try FacilityCode("01001"), admittedAt: admitted)
        }
        var first = ChangeSet(access)
        first.save(patient)
        first.save(try visit("before-the-rule"))
        try await store.commit(first)
        // As a row written by schema 1 has it: no slot.
        try RawDatabase(path: path).execute("UPDATE visit SET open_slot = NULL")

        var second = ChangeSet(access)
        second.save(try visit("after-the-rule"))
        try await store.commit(second)
        var third = ChangeSet(access)
        third.save(try visit("one-too-many"))
        await #expect { try await store.commit(third) } throws: { ($0 as? StoreError)?.code == .openVisitExists }
        let keys = try await store.visits(ofPatient: patient.id, for: access).map(\.key).sorted()
        #expect(keys == ["after-the-rule", "before-the-rule"], "both open visits are kept; a third is refused")
    }
}
