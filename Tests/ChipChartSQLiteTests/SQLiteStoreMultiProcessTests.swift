import ChipChart
import ChipChartSQLite
import Foundation
import Logging
import Testing

let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

@Suite("SQLiteStore with real processes on one file", .serialized)
struct SQLiteStoreMultiProcessTests {
    /// Opens (and so creates) a store at `path`, then closes it.
    static func createStore(at path: String) throws {
        _ = try SQLiteStore(path: path, logger: quietLogger)
    }

    /// The visit ids a child acknowledged.
    static func acknowledged(_ lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix("ACK ") }.map { String($0.dropFirst(4)) }
    }

    @Test func concurrentProcessesLoseNoCheckIn() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("desks.sqlite")
        try Self.createStore(at: path)
        let writers = 4
        let perWriter = 500
        let children = try (0..<writers).map { writer in
            try StressTool.Child([
                "checkin", "--path", path, "--writer", "\(writer)", "--count", "\(perWriter)", "--shared", "20",
            ])
        }
        var outputs: [[String]] = []
        for child in children { outputs.append(await child.finished()) }
        for (writer, lines) in outputs.enumerated() {
            #expect(
                !lines.contains { $0.hasPrefix("ERROR") },
                "writer \(writer) saw an error: \(lines.filter { $0.hasPrefix("ERROR") })"
            )
            #expect(lines.last == "DONE", "writer \(writer) finished")
            #expect(children[writer].process.terminationStatus == 0)
        }
        let acknowledged = outputs.flatMap(Self.acknowledged)
        #expect(acknowledged.count == writers * perWriter)

        let raw = try RawDatabase(path: path)
        let visits = Set(try raw.rows("SELECT lower(hex(uuid)) FROM visit").compactMap { $0[0] })
        let missing = acknowledged.filter { !visits.contains($0.replacingOccurrences(of: "-", with: "")) }
        #expect(missing.isEmpty, "\(missing.count) acknowledged check-ins are missing")
        let duplicated = try raw.rows(
            """
            SELECT value FROM identifier WHERE kind = 'personalID'
            GROUP BY value HAVING count(DISTINCT patient) > 1
            """
        )
        #expect(duplicated.isEmpty, "\(duplicated.count) personal IDs have more than one patient")
        // 20 shared people, plus 4 writers × 400 people of their own.
        let patients = try raw.integer("SELECT count(*) FROM patient")
        #expect(patients == 20 + writers * (perWriter - perWriter / 5), "one patient per person, got \(patients)")

        let store = try SQLiteStore(path: path, logger: quietLogger)
        let verification = try await store.verifyAuditTrail()
        #expect(verification.isIntact, "the audit chain survives four writing processes: \(verification)")
        #expect(try await store.checkIntegrity().isEmpty)
    }

    @Test func killedWriterLosesNoAcknowledgedCommit() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("crash.sqlite")
        try Self.createStore(at: path)
        var acknowledged: [String] = []
        var generator = SystemRandomNumberGenerator()
        let rounds = 20
        for round in 0..<rounds {
            let child = try StressTool.Child(["checkin", "--path", path, "--writer", "\(round)", "--count", "1000000"])
            // Kill at a random moment: during start-up, between commits or inside one.
            let delay = UInt64.random(in: 50_000_000...450_000_000, using: &generator)
            try await Task.sleep(nanoseconds: delay)
            let lines = child.kill()
            #expect(child.process.terminationReason == .uncaughtSignal, "round \(round): the child was killed")
            #expect(
                !lines.contains { $0.hasPrefix("ERROR") },
                "round \(round): \(lines.filter { $0.hasPrefix("ERROR") })"
            )
            acknowledged += Self.acknowledged(lines)

            let raw = try RawDatabase(path: path)
            #expect(try raw.rows("PRAGMA integrity_check").map { $0[0] } == ["ok"], "round \(round): integrity")
            let visits = Set(try raw.rows("SELECT lower(hex(uuid)) FROM visit").compactMap { $0[0] })
            let missing = acknowledged.filter { !visits.contains($0.replacingOccurrences(of: "-", with: "")) }
            #expect(missing.isEmpty, "round \(round): \(missing.count) acknowledged commits are missing")
        }
        #expect(acknowledged.count > 0, "the children committed something before being killed")
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let verification = try await store.verifyAuditTrail()
        #expect(verification.isIntact, "the audit chain survives the kills: \(verification)")
    }
}
