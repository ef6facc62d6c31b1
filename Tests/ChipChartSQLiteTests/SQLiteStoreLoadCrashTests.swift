import ChipChart
import ChipChartSQLite
import Foundation
import Testing

@Suite("SQLiteStore bulk load killed half-way", .serialized)
struct SQLiteStoreLoadCrashTests {
    /// Starts `sqlite-stress load` and kills it once it has written `pauseAfter` sets inside the
    /// load's transaction (the child waits there, so the kill always lands inside the load).
    /// With `newStore`, the child builds a new store from its load (`SQLiteStore.create`).
    static func killedLoad(
        path: String,
        count: Int,
        pauseAfter: Int,
        folder: TemporaryFolder,
        newStore: Bool = false
    ) async throws {
        let marker = folder.path("paused-\(UUID().uuidString)")
        let child = try StressTool.Child(
            ["load", "--path", path, "--count", "\(count)", "--pause-after", "\(pauseAfter)", "--marker", marker]
                + (newStore ? ["--new"] : [])
        )
        let deadline = ContinuousClock.now + .seconds(120)
        while !FileManager.default.fileExists(atPath: marker) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        // A new store's pages go to its staged file, once; a load into a store's, to its log first.
        let written = newStore ? path + SQLiteStore.stagedLoadSuffix : path + "-wal"
        let size = (try? FileManager.default.attributesOfItem(atPath: written)[.size] as? Int) ?? 0
        let log = FileManager.default.fileExists(atPath: path + SQLiteStore.stagedLoadSuffix + "-wal")
        let lines = child.kill()
        #expect(size > 256 * 1024, "the load's pages had reached the disk before the kill (\(size) bytes)")
        if newStore { #expect(!log, "a new store's load writes no log") }
        #expect(FileManager.default.fileExists(atPath: marker), "the load reached its pause: \(lines)")
        #expect(!lines.contains { $0.hasPrefix("LOADED") }, "the child was killed inside the load")
    }

    /// A load is one transaction: killed inside it, it leaves the store as it was before (here a
    /// store already holding patients), with every index, an intact trail, and room for the
    /// load to run again.
    @Test func aKilledLoadLeavesTheStoreAsItWas() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("load.sqlite")
        let first = try StressTool.run(["load", "--path", path, "--count", "30"])
        #expect(first.last == "LOADED 30", "\(first)")
        let raw = try RawDatabase(path: path)
        let schema = try raw.rows("SELECT type, name, sql FROM sqlite_master ORDER BY name")
        let before = try raw.rows("SELECT count(*) FROM patient UNION ALL SELECT count(*) FROM audit_event")

        try await Self.killedLoad(path: path, count: 3_000, pauseAfter: 2_000, folder: folder)

        let store = try SQLiteStore(path: path, logger: quietLogger)
        #expect(try raw.rows("SELECT count(*) FROM patient UNION ALL SELECT count(*) FROM audit_event") == before)
        #expect(try raw.rows("SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema)
        #expect(try await store.verifyAuditTrail().isIntact)
        #expect(try await store.checkIntegrity().isEmpty)
        let again = try StressTool.run(["load", "--path", path, "--count", "100", "--first", "30"])
        #expect(again.last == "LOADED 100", "\(again)")
        #expect(try await store.verifyAuditTrail().isIntact)
    }

    /// The same for a new file: killed inside its first load, the store opens empty.
    @Test func aKilledFirstLoadLeavesAnEmptyStore() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("new.sqlite")
        try await Self.killedLoad(path: path, count: 3_000, pauseAfter: 2_500, folder: folder)
        let store = try SQLiteStore(path: path, logger: quietLogger)
        #expect(try await store.allPatients(after: nil, limit: 10).isEmpty)
        #expect(try await store.auditEvents(after: 0, limit: 10).isEmpty)
        #expect(try await store.checkIntegrity().isEmpty)
        let indexes = try RawDatabase(path: path).rows("SELECT name FROM sqlite_master WHERE name = 'patient_by_name'")
        #expect(indexes.count == 1)
    }

    /// A new store built from a load and killed inside it leaves no store at the target; the next
    /// attempt replaces the staged file the killed one left and builds the store.
    @Test func aKilledBuildOfANewStoreLeavesNoTarget() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("built.sqlite")
        try await Self.killedLoad(path: path, count: 3_000, pauseAfter: 2_500, folder: folder, newStore: true)
        #expect(!FileManager.default.fileExists(atPath: path), "no store at the target")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let again = try StressTool.run(["load", "--path", path, "--count", "100", "--new"])
        #expect(again.last == "LOADED 100", "\(again)")
        #expect(!FileManager.default.fileExists(atPath: path + SQLiteStore.stagedLoadSuffix))
        let store = try SQLiteStore(path: path, logger: quietLogger)
        #expect(try await store.allPatients(after: nil, limit: 1_000).count == 100)
        #expect(try await store.verifyAuditTrail().isIntact)
        #expect(try await store.checkIntegrity().isEmpty)
    }
}
