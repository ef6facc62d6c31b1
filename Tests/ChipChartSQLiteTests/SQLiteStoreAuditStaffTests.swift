import ChipChart
import ChipChartSQLite
import Foundation
import Testing

/// Staff members' names as the SQLite store's audit trail keeps them: the text written is the
/// text read, so the same `Staff` comes back and an edit of the stored text is an edit.
@Suite("Staff names in the SQLite store's audit trail")
struct SQLiteStoreAuditStaffTests {
    /// "Nguyễn Thị Lan" typed with combining marks, as some keyboards and scanners deliver it.
    static let decomposedName = "Nguye\u{0302}\u{0303}n Thi\u{0323} Lan"

    /// A store holding four commits by a staff member whose name was typed decomposed.
    static func store(at path: String) async throws -> (SQLiteStore, Staff) {
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let staff = Staff(name: try PersonName(decomposedName), personalID: try PersonalID("001185000002"))
        for index in 0..<4 {
            var changes = ChangeSet(Access(by: staff, purpose: "check-in"))
            changes.save(
                Patient(
                    demographics: Demographics(
                        name: try PersonName("Lê Văn \(["An", "Bình", "Cường", "Dũng"][index])"),
                        dateOfBirth: .year(1980 + index),
                        sex: .male
                    )
                )
            )
            try await store.commit(changes)
        }
        return (store, staff)
    }

    @Test func aNameTypedWithCombiningMarksReadsBackAsTheSameStaff() async throws {
        let folder = try TemporaryFolder()
        let (store, staff) = try await Self.store(at: folder.path("staff.sqlite"))
        #expect(staff.name.text.unicodeScalars.count < Self.decomposedName.unicodeScalars.count)
        let events = try await store.auditEvents(after: 0, limit: 100).filter { $0.purpose == "check-in" }
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0.staff == staff })
        #expect(try await store.verifyAuditTrail().isIntact)
    }

    /// Before, a stored name was normalised again when read, so the trail's hash was computed
    /// over the name before the edit and the edit went unnoticed.
    @Test func aStoredNameEditedToItsDecomposedFormBreaksTheChain() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("staff.sqlite")
        let (store, _) = try await Self.store(at: path)
        let raw = try RawDatabase(path: path)
        try raw.execute("DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete")
        try raw.execute("UPDATE audit_event SET staff_name = '\(Self.decomposedName)' WHERE sequence = 3")
        let after = try await store.verifyAuditTrail()
        #expect(!after.isIntact)
        #expect(after.firstBrokenLink?.sequence == 3)
    }
}
