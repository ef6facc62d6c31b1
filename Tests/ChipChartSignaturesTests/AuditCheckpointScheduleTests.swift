import ChipChart
import ChipChartSignatures
import Foundation
import Testing

@Suite("A schedule signs audit checkpoints while it runs")
struct AuditCheckpointScheduleTests {
    static func access() throws -> Access {
        let staff = Staff(
            name: try PersonName("Đỗ Văn Giám Định"),
            personalID: try PersonalID("001080000040"),
            role: .claimsOfficer
        )
        return Access(by: staff, purpose: "claims export")
    }

    /// Waits up to two seconds for the file to hold `count` checkpoints.
    static func waitFor(_ count: Int, in file: AuditCheckpointFile) async throws -> [AuditCheckpoint] {
        for _ in 0..<200 {
            let checkpoints = try file.checkpoints()
            if checkpoints.count >= count { return checkpoints }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try file.checkpoints()
    }

    /// A schedule signing into a fresh file, with the fixture that trusts its signer.
    static func schedule(
        everyEvents: Int?,
        interval: Duration,
        checkingEvery: Duration? = nil
    ) throws -> (AuditCheckpointSchedule, SigningFixture) {
        let fixture = try SigningFixture()
        let schedule = AuditCheckpointSchedule(
            checkpointer: AuditCheckpointer(signer: try fixture.signer(), policy: fixture.policy),
            file: AuditCheckpointFile(url: AuditCheckpointFileTests.temporaryFile()),
            everyEvents: everyEvents,
            interval: interval,
            checkingEvery: checkingEvery
        )
        return (schedule, fixture)
    }

    @Test func itSignsAtTheStartThenEveryNEventsAndStopsWhenCancelled() async throws {
        let (schedule, fixture) = try Self.schedule(
            everyEvents: 3,
            interval: .seconds(3600),
            checkingEvery: .milliseconds(5)
        )
        let file = schedule.file
        defer { try? FileManager.default.removeItem(at: file.url) }
        let store = InMemoryStore()
        let access = try Self.access()
        let running = schedule.start(on: store)
        #expect(try await Self.waitFor(1, in: file).map(\.sequence) == [0])
        for _ in 0..<2 { await store.recordExport(by: access, detail: nil) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(try file.checkpoints().count == 1, "two events are not yet three")
        await store.recordExport(by: access, detail: nil)
        #expect(try await Self.waitFor(2, in: file).map(\.sequence) == [0, 3])
        running.cancel()
        #expect(try await running.value == 2)
        for _ in 0..<4 { await store.recordExport(by: access, detail: nil) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(try file.checkpoints().count == 2, "nothing is signed after the schedule stops")
        for checkpoint in try file.checkpoints() { try checkpoint.verify(policy: fixture.policy) }
        let verdict = try await #require(try file.latest()).verifyTrail(of: store, policy: fixture.policy)
        #expect(verdict.isIntact)
    }

    @Test func itSignsOnceTheIntervalHasPassedAndTheTrailGrew() async throws {
        let (schedule, _) = try Self.schedule(everyEvents: nil, interval: .milliseconds(20))
        let file = schedule.file
        defer { try? FileManager.default.removeItem(at: file.url) }
        let store = InMemoryStore()
        let running = schedule.start(on: store)
        #expect(try await Self.waitFor(1, in: file).count == 1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(try file.checkpoints().count == 1, "an unchanged trail is not signed again")
        await store.recordExport(by: try Self.access(), detail: nil)
        #expect(try await Self.waitFor(2, in: file).map(\.sequence) == [0, 1])
        running.cancel()
        #expect(try await running.value == 2)
    }
}
