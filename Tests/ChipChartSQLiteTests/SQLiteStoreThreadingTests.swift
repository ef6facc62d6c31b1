import ChipChart
import ChipChartTesting
import Foundation
import Testing

@testable import ChipChartSQLite

/// The store's work stays off Swift's shared threads, and a check-in writes once. Serialized:
/// the timer test measures the shared threads, which the suite's other tests would also use.
@Suite("SQLiteStore: its own thread, one write per check-in", .serialized, .timeLimit(.minutes(10)))
struct SQLiteStoreThreadingTests {
    static var staff: Access {
        get throws {
            Access(
                by: Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001")),
                purpose: "test"
            )
        }
    }

    static func patient(_ digits: String) throws -> Patient {
        Patient(
            identifiers: [.personalID(try PersonalID(digits))],
            demographics: Demographics(name: try PersonName("Nguyễn Văn A"), dateOfBirth: .year(1999), sex: .male)
        )
    }

    /// How much later than a control a 10 ms timer on the shared threads fires: the control is
    /// the same 10 ms wait on a thread of its own, started at the same moment, so the machine's
    /// load delays both and only shared threads held by waiting desks delay the first (by
    /// seconds: until the lock is released). The median of eleven pairs, so that one hiccup does
    /// not count.
    static func typicalLateness() async throws -> Duration {
        var differences: [Duration] = []
        for _ in 0..<11 {
            let control = Task.detached { await Self.lateOnOwnThread() }
            let start = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(10))
            let shared = ContinuousClock.now - start - .milliseconds(10)
            differences.append(shared - (await control.value))
        }
        return differences.sorted()[differences.count / 2]
    }

    /// How late a 10 ms sleep on a new thread (not one of the shared threads) ends.
    static func lateOnOwnThread() async -> Duration {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let start = ContinuousClock.now
                Thread.sleep(forTimeInterval: 0.010)
                continuation.resume(returning: ContinuousClock.now - start - .milliseconds(10))
            }
        }
    }

    /// Eight desks wait for a file locked by another connection; how much later the shared
    /// threads' timer fires meanwhile (``typicalLateness()``) than it fired just before with no
    /// desk waiting — the control, which whatever else keeps the machine or its shared threads
    /// busy delays as much — then the lock is released and every desk commits.
    static func latenessWhileDesksWait(in folder: TemporaryFolder, try attempt: Int) async throws -> Duration {
        let path = folder.path("locked-\(attempt).sqlite")
        var configuration = SQLiteStore.Configuration()
        // The desks wait however long a loaded machine takes to measure: a desk that gave up would
        // not be waiting any more.
        configuration.busyTimeout = .seconds(300)
        let desks = try (0..<8).map { _ in try SQLiteStore(path: path, configuration: configuration) }
        let control = try await Self.typicalLateness()
        let holder = try RawDatabase(path: path)
        try holder.execute("BEGIN EXCLUSIVE")
        let commits = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, desk) in desks.enumerated() {
                    group.addTask {
                        var changes = ChangeSet(try Self.staff)
                        changes.save(try Self.patient("00109901234\(index)"))
                        try await desk.commit(changes)
                    }
                }
                try await group.waitForAll()
            }
        }
        // Every desk is now waiting for the lock; the shared threads must stay free.
        try await Task.sleep(for: .milliseconds(300))
        let lateness = try await Self.typicalLateness()
        // Released only now, by this task: had the waiting desks held the shared threads, the
        // timers above would not have fired before their busy timeout, and the commits would fail.
        try holder.execute("COMMIT")
        try await commits.value
        let written = try await desks[0].allPatients(after: nil, limit: 100)
        #expect(written.count == 8)
        return lateness - control
    }

    @Test func aTimerStillFiresWhileEveryDeskWaitsForALockedFile() async throws {
        let folder = try TemporaryFolder()
        // The desks and the timers run at a high priority, whose shared threads are not those of
        // the other tests (at the default priority): their work cannot hold the threads the
        // timers need, while desks holding them would.
        let tries = try await Task(priority: .high) {
            // Up to three tries, because the machine is shared with the other tests: its load may
            // change between a try's control and its measure and make one try late, while desks
            // holding the shared threads would make every try late.
            var tries: [Duration] = []
            for attempt in 0..<3 {
                tries.append(try await Self.latenessWhileDesksWait(in: folder, try: attempt))
                if tries.last.map({ $0 < .milliseconds(50) }) == true { break }
            }
            return tries
        }.value
        #expect(
            tries.contains { $0 < .milliseconds(50) },
            "a 10 ms timer fired later by \(tries) while the desks waited than with none waiting"
        )
    }

    @Test func aCheckInIsOneWriteTransaction() async throws {
        let folder = try TemporaryFolder()
        // A long window: however slow the machine, the reads wait for the commit.
        var configuration = SQLiteStore.Configuration()
        configuration.readEventWindow = .seconds(60)
        let store = try SQLiteStore(path: folder.path("desk.sqlite"), configuration: configuration)
        let clock = SimulatedClock(start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7))
        let portal = SimulatedInsurancePortal(clock: clock)
        let reception = Reception(
            store: store,
            portal: portal,
            configuration: Reception.Configuration(
                facility: try FacilityCode("01001"),
                // The simulator answers at once: whatever the load, its answer comes first.
                portalTimeout: .seconds(600)
            ),
            now: { clock.now }
        )
        let reading = CardReading(
            source: .qr,
            personalID: try PersonalID("001099012345"),
            legacyID: try LegacyIDNumber("012345678"),
            name: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: "01011999"),
            sex: .male,
            issueDate: try CalendarDate(year: 2021, month: 4, day: 15)
        )
        _ = try await reception.checkIn(reading, for: VisitRequest(), by: try Self.staff.staff)
        clock.advance(by: 86_400)
        let before = store.writeTransactionCount
        let again = try await reception.checkIn(reading, for: VisitRequest(), by: try Self.staff.staff)
        #expect(again.match == .personalID && !again.isRepeatScan)
        #expect(store.writeTransactionCount - before == 1, "the check-in's reads are written with its commit")
        let trail = try await store.auditEvents(after: 0, limit: 1000)
        let reads = trail.filter { $0.action == .read || $0.action == .lookupMissed }
        #expect(reads.count >= 4, "every read is still audited")
        #expect(try await store.verifyAuditTrail().isIntact)
    }

    @Test func readEventsReachTheFileWithinTheirWindowWithoutACommit() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("reads.sqlite")
        let desk = try SQLiteStore(path: path)
        var changes = ChangeSet(try Self.staff)
        changes.save(try Self.patient("001099012345"))
        try await desk.commit(changes)
        _ = try await desk.patient(identifiedBy: .personalID(try PersonalID("001099012345")), for: try Self.staff)
        let other = try SQLiteStore(path: path)
        // The window is 100 ms; a busy machine may wake the writer late, never skip it. The file
        // is read once more after the deadline, however late this task was woken.
        let deadline = ContinuousClock.now + .seconds(20)
        var seen: [AuditEvent] = []
        while true {
            let last = ContinuousClock.now >= deadline
            seen = try await other.auditEvents(after: 0, limit: 100)
            if seen.count == 2 || last { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(seen.map(\.action) == [.create, .read], "the read is in the file for another process to see")
        withExtendedLifetime(desk) {}
    }

    @Test func aReleasedStoreLeavesEverythingInTheFile() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("closed.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            var changes = ChangeSet(try Self.staff)
            changes.save(try Self.patient("001099012345"))
            try await store.commit(changes)
            _ = try await store.patient(identifiedBy: .personalID(try PersonalID("001099012345")), for: try Self.staff)
        }
        // The last of the store's connections to close folds the write-ahead log into the file, so
        // a copy of the file alone (a backup by hand, the next process) holds every commit.
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        #expect(log == 0, "the write-ahead log still holds \(log) bytes")
        let raw = try RawDatabase(path: path)
        #expect(try raw.integer("SELECT count(*) FROM audit_event") == 2)
    }
}
