import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

/// An archive written before one open visit per slot was enforced may hold two open visits of a
/// patient in one slot: a restore keeps both, and the rule binds what is written after.
@Suite("Restoring open visits written before the one-per-slot rule")
struct OpenVisitRestoreTests {
    @Test func twoOpenVisitsInOneSlotRestoreAndAThirdIsRefused() async throws {
        let source = InMemoryStore()
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        let access = Access(by: staff, purpose: "test")
        let patient = Patient(
            identifiers: [.personalID(try PersonalID("001099012345"))],
            demographics: Demographics(name: try PersonName("Nguyễn Văn A"), dateOfBirth: .year(1999), sex: .male)
        )
        let morning = VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 8)
        let facility = try FacilityCode("01001")
        var first = ChangeSet(access)
        first.save(patient)
        first.save(try Visit(key: "early", patientID: patient.id, facility: facility, admittedAt: morning))
        try await source.commit(first)
        var second = ChangeSet(access)
        // Another day in the source; moved into the first visit's day below, as an older release
        // could have stored it.
        second.save(
            try Visit(key: "late", patientID: patient.id, facility: facility, admittedAt: morning + 86_400)
        )
        try await source.commit(second)
        var records = try await ArchivableStoreConformance.allRecords(of: source)
        records = records.map { record in
            guard case .visit(var visit) = record, visit.key == "late" else { return record }
            visit.admittedAt = morning + 3_600
            return .visit(visit)
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = try SQLiteStore(path: folder.appendingPathComponent("restored.sqlite").path)
        var remaining = records[...]
        try await target.restore { remaining.popFirst() }
        let restored = try await target.visits(ofPatient: patient.id, for: access)
        #expect(restored.map(\.key) == ["early", "late"] && restored.allSatisfy { $0.status == .open })

        var third = ChangeSet(access)
        third.save(try Visit(key: "third", patientID: patient.id, facility: facility, admittedAt: morning + 7_200))
        await #expect { try await target.commit(third) } throws: { ($0 as? StoreError)?.code == .openVisitExists }
    }
}
