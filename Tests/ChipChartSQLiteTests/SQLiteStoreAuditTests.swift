import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

@Suite("The SQLite store's audit trail is tamper-evident")
struct SQLiteStoreAuditTests {
    /// A store holding a few commits and reads: at least eight events.
    static func storeWithTrail(at path: String) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let population = SyntheticPopulation(seed: 5)
        let access = Access(by: try population.staff(), purpose: "check-in")
        for index in 0..<4 {
            let person = try population.person(at: index)
            var patient = Patient(
                demographics: Demographics(
                    name: person.reading.name,
                    dateOfBirth: person.reading.dateOfBirth,
                    sex: .male
                )
            )
            patient.identifiers = [.personalID(person.personalID)]
            var changes = ChangeSet(access)
            changes.save(patient)
            try await store.commit(changes)
            _ = try await store.patient(identifiedBy: .personalID(person.personalID), for: access)
        }
        return store
    }

    /// A raw change made behind the store's back, and the sequence it breaks the chain at.
    enum Tampering: String, CaseIterable, Sendable {
        case editedPurpose
        case editedStaff
        case deletedEvent
        case rehashedWithoutChain

        var sql: String {
            switch self {
            case .editedPurpose: return "UPDATE audit_event SET purpose = 'nothing to see' WHERE sequence = 3"
            case .editedStaff: return "UPDATE audit_event SET staff_name = 'Ai Đó' WHERE sequence = 5"
            case .deletedEvent: return "DELETE FROM audit_event WHERE sequence = 4"
            case .rehashedWithoutChain:
                return "UPDATE audit_event SET detail = 'x', hash = previous_hash WHERE sequence = 6"
            }
        }

        var brokenAt: Int64 {
            switch self {
            case .editedPurpose: return 3
            case .editedStaff: return 5
            case .deletedEvent: return 5
            case .rehashedWithoutChain: return 6
            }
        }
    }

    @Test(arguments: Tampering.allCases)
    func rawEditsAreDetected(_ tampering: Tampering) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let store = try await Self.storeWithTrail(at: path)
        let before = try await store.verifyAuditTrail()
        #expect(before.isIntact && before.eventCount == 8)

        let raw = try RawDatabase(path: path)
        try raw.execute("DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete")
        try raw.execute(tampering.sql)
        let after = try await store.verifyAuditTrail()
        #expect(!after.isIntact, "\(tampering) went unnoticed")
        #expect(after.firstBrokenLink?.sequence == tampering.brokenAt, "\(String(describing: after.firstBrokenLink))")
    }

    @Test func theDatabaseRefusesPlainEditsOfTheTrail() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        // The last read's event is written when the store is released.
        do { _ = try await Self.storeWithTrail(at: path) }
        let raw = try RawDatabase(path: path)
        #expect(throws: RawDatabase.Failure.self) { try raw.execute("UPDATE audit_event SET purpose = 'x'") }
        #expect(throws: RawDatabase.Failure.self) { try raw.execute("DELETE FROM audit_event") }
        #expect(try raw.integer("SELECT count(*) FROM audit_event") == 8)
    }

    @Test func aRejectedCommitLeavesNoTrace() async throws {
        let folder = try TemporaryFolder()
        let store = try await Self.storeWithTrail(at: folder.path("audit.sqlite"))
        let population = SyntheticPopulation(seed: 5)
        let access = Access(by: try population.staff(), purpose: "check-in")
        var duplicate = Patient(
            demographics: Demographics(name: try PersonName("Lê Văn B"), dateOfBirth: .year(1980), sex: .male)
        )
        duplicate.identifiers = [.personalID(try population.person(at: 0).personalID)]
        var changes = ChangeSet(access)
        changes.save(duplicate)
        await #expect(throws: StoreError.self) { try await store.commit(changes) }
        // The last read's event, which the rejected commit did not write, is written on its own.
        try await Task.sleep(for: SQLiteStore.Configuration().readEventWindow * 3)
        let raw = try RawDatabase(path: folder.path("audit.sqlite"))
        #expect(try raw.integer("SELECT count(*) FROM audit_event") == 8)
        #expect(try raw.integer("SELECT count(*) FROM patient") == 4)
    }
}
