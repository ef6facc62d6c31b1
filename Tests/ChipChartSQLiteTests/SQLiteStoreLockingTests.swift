import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

@Suite("SQLiteStore waits for other writers instead of failing", .serialized)
struct SQLiteStoreLockingTests {
    static func registration() throws -> ChangeSet {
        let population = SyntheticPopulation(seed: 11)
        let person = try population.person(at: 1)
        var patient = Patient(
            demographics: Demographics(name: person.reading.name, dateOfBirth: person.reading.dateOfBirth, sex: .female)
        )
        patient.identifiers = [.personalID(person.personalID)]
        var changes = ChangeSet(Access(by: try population.staff(), purpose: "check-in"))
        changes.save(patient)
        return changes
    }

    @Test func aCommitWaitsOutAnotherWritersTransaction() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("locked.sqlite")
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let raw = try RawDatabase(path: path)
        try raw.execute("BEGIN IMMEDIATE")
        // The other writer lets go from a thread of its own: the commit below blocks the thread it
        // runs on while it waits, and a task could be left without a thread to run on.
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) {
            try? raw.execute("COMMIT")
            released.signal()
        }
        let start = Date()
        try await store.commit(try Self.registration())
        #expect(Date().timeIntervalSince(start) >= 0.25, "the commit waited for the lock")
        released.wait()
        #expect(try raw.integer("SELECT count(*) FROM patient") == 1)
    }

    @Test func aLockHeldPastTheTimeoutGivesStorageFailureAndWritesNothing() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("locked.sqlite")
        var configuration = SQLiteStore.Configuration()
        configuration.busyTimeout = .milliseconds(100)
        configuration.transactionAttempts = 2
        let store = try SQLiteStore(path: path, configuration: configuration, logger: quietLogger)
        let raw = try RawDatabase(path: path)
        try raw.execute("BEGIN IMMEDIATE")
        do {
            try await store.commit(try Self.registration())
            Issue.record("the commit went through a held lock")
        } catch let error as StoreError {
            #expect(error.code == .storageFailure, "got \(error)")
            #expect(error.underlying?.contains("SQLite error 5") == true, "the SQLite code is kept: \(error)")
        }
        try raw.execute("ROLLBACK")
        #expect(try raw.integer("SELECT count(*) FROM patient") == 0)
    }
}
