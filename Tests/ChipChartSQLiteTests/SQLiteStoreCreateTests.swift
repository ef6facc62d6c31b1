import ChipChart
import ChipChartTesting
import Foundation
import Testing

@testable import ChipChartSQLite

@Suite("SQLiteStore built from a load")
struct SQLiteStoreCreateTests {
    typealias Load = SQLiteStoreLoadTests

    /// The files a build may leave beside its target: the staged file and its journals.
    static func stagedFiles(_ path: String) -> [String] {
        ["", "-journal", "-wal", "-shm"].map { path + SQLiteStore.stagedLoadSuffix + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// A store built from a load holds what a load into a new store gives — the same records,
    /// the same trail, the same schema — opens like any store in write-ahead-log mode, answers
    /// lookups and name searches, and takes commits; no staged file is left.
    @Test func aStoreBuiltFromALoadIsTheStoreALoadGives() async throws {
        let folder = try TemporaryFolder()
        let built = folder.path("built.sqlite")
        let loadedPath = folder.path("loaded.sqlite")
        let sets = try Load.sets(300)
        let count = try await SQLiteStore.create(path: built, loading: sets, logger: quietLogger, now: Load.clock)
        #expect(count == 310)
        #expect(Self.stagedFiles(built).isEmpty, "no staged file is left")
        let loaded = try SQLiteStore(path: loadedPath, logger: quietLogger, now: Load.clock)
        try await loaded.load(sets)

        let store = try SQLiteStore(path: built, logger: quietLogger)
        #expect(try RawDatabase(path: built).rows("PRAGMA journal_mode") == [["wal"]])
        #expect(try await store.allPatients(after: nil, limit: 1_000) == loaded.allPatients(after: nil, limit: 1_000))
        #expect(try await store.allCoverages(after: nil, limit: 1_000) == loaded.allCoverages(after: nil, limit: 1_000))
        #expect(try await store.allVisits(after: nil, limit: 1_000) == loaded.allVisits(after: nil, limit: 1_000))
        #expect(try await store.auditEvents(after: 0, limit: 10_000) == loaded.auditEvents(after: 0, limit: 10_000))
        let schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        #expect(try RawDatabase(path: built).rows(schema) == RawDatabase(path: loadedPath).rows(schema))
        #expect(try await store.verifyAuditTrail().isIntact)
        #expect(try await store.checkIntegrity().isEmpty)

        let access = try Load.access()
        let person = try Load.population.person(at: 42)
        let found = try #require(try await store.patient(identifiedBy: .personalID(person.personalID), for: access))
        #expect(try await store.patients(namePrefix: "zenh van", bornIn: nil, limit: 20, for: access).count == 10)
        var renamed = found
        renamed.demographics.name = try PersonName("Ôn Thị Tải")
        var update = ChangeSet(access)
        update.save(renamed)
        try await store.commit(update)
        try await store.commit(try Load.registration(300, access: access))
        #expect(
            try await store.patients(namePrefix: "on thi tai", bornIn: nil, limit: 5, for: access).map(\.id) == [
                found.id
            ]
        )
        #expect(try await store.verifyAuditTrail().isIntact)
    }

    /// A file at the target, or a store's log or journal left without it (SQLite would replay it
    /// into the new file), is refused before anything is written, and stays as it was.
    @Test(arguments: ["", "-wal", "-journal"])
    func aTargetThatExistsIsRefused(suffix: String) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("taken.sqlite")
        #expect(FileManager.default.createFile(atPath: path + suffix, contents: Data("kept".utf8)))
        let sets = try Load.sets(5)
        do {
            try await SQLiteStore.create(path: path, loading: sets, logger: quietLogger)
            Issue.record("a file at the target was replaced")
        } catch {
            #expect(error.code == .notEmpty)
        }
        #expect(FileManager.default.contents(atPath: path + suffix) == Data("kept".utf8))
        #expect(Self.stagedFiles(path).isEmpty)
    }

    /// A load refused (a personal ID loaded twice) leaves neither a target nor a staged file.
    @Test func aFailedLoadLeavesNoTargetAndNoStagedFile() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("failed.sqlite")
        var sets = try Load.sets(100)
        var clash = Patient(demographics: sets[55].patients[0].demographics)
        clash.identifiers = [.personalID(try Load.population.person(at: 3).personalID)]
        sets[55] = ChangeSet(try Load.access())
        sets[55].save(clash)
        do {
            try await SQLiteStore.create(path: path, loading: sets, logger: quietLogger)
            Issue.record("a personal ID loaded twice was accepted")
        } catch {
            #expect(error.code == .duplicateIdentifier)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "no store at the target")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(Self.stagedFiles(path).isEmpty, "no staged file is left")
    }

    /// A staged file and journal left by an earlier attempt are replaced, not loaded into.
    @Test func aStagedFileLeftBehindIsReplaced() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("again.sqlite")
        let staged = path + SQLiteStore.stagedLoadSuffix
        try await SQLiteStore.create(path: staged, loading: try Load.sets(20), logger: quietLogger)
        #expect(FileManager.default.createFile(atPath: staged + "-journal", contents: Data(count: 512)))
        let count = try await SQLiteStore.create(path: path, loading: try Load.sets(3), logger: quietLogger)
        #expect(count == 3 + 3)
        let store = try SQLiteStore(path: path, logger: quietLogger)
        #expect(try await store.allPatients(after: nil, limit: 100).count == 3)
        #expect(Self.stagedFiles(path).isEmpty)
    }

    /// Two builds of the same target at once (a migration started twice): the second is refused
    /// while the first runs, and touches nothing of it; the first completes as if alone.
    @Test func aSecondBuildOfTheSameTargetIsRefusedWhileTheFirstRuns() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("twice.sqlite")
        let held = HeldSets(try Load.sets(50))
        let first = Task { try await SQLiteStore.create(path: path, loading: held, logger: quietLogger) }
        await held.waitUntilPulled()
        let others = try Load.sets(5)
        do {
            try await SQLiteStore.create(path: path, loading: others, logger: quietLogger)
            Issue.record("a second build of the same target went ahead while the first ran")
        } catch {
            #expect(error.code == .notEmpty)
        }
        held.release.signal()
        let count = try await first.value
        #expect(count == held.sets.count)
        let store = try SQLiteStore(path: path, logger: quietLogger)
        #expect(try await store.allPatients(after: nil, limit: 1_000).count == 50)
        #expect(try await store.verifyAuditTrail().isIntact)
        #expect(try await store.checkIntegrity().isEmpty)
        #expect(Self.stagedFiles(path).isEmpty)
    }
}

/// Change sets handed out only once the test lets them go: a build that stays under way.
final class HeldSets: Sequence, @unchecked Sendable {
    let sets: [ChangeSet]
    /// Signalled when the first set is asked for.
    let pulled = DispatchSemaphore(value: 0)
    /// Lets the sets go.
    let release = DispatchSemaphore(value: 0)

    init(_ sets: [ChangeSet]) { self.sets = sets }

    func makeIterator() -> AnyIterator<ChangeSet> {
        var index = 0
        return AnyIterator { [self] in
            if index == 0 {
                pulled.signal()
                release.wait()
            }
            defer { index += 1 }
            return index < sets.count ? sets[index] : nil
        }
    }

    /// Waits, off the shared threads, until the first set is asked for.
    func waitUntilPulled() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [pulled] in
                pulled.wait()
                continuation.resume()
            }
        }
    }
}
