import ChipChart
import ChipChartArchive
import ChipChartSQLite
import ChipChartTesting
import Foundation
import TestSupport
import Testing

/// `records` never loses a file: outputs that are the database or exist already, a backup that
/// fails half-way, a restore racing a desk, archives that break the store's rules.
@Suite("records keeps every file it did not make, run as built")
struct RecordsFileSafetyTests {
    static func records(_ arguments: [String], in folder: URL) async throws -> BuiltExecutable.Result {
        try await RecordsCommandTests.records(arguments, in: folder)
    }

    /// The patients in the SQLite file at `path`.
    static func patientCount(_ path: URL) async throws -> Int {
        try await ArchivableStoreConformance.allRecords(of: try SQLiteStore(path: path.path))
            .filter { if case .patient = $0 { true } else { false } }.count
    }

    @Test(arguments: [
        ["backup", "--out", "clinic.sqlite"], ["backup", "--out", "./clinic.sqlite", "--replace"],
        ["backup", "--out", "clinic.sqlite-wal", "--replace"], ["backup", "--out", "clinic.sqlite-shm"],
        ["backup", "--out", "link.sqlite", "--replace"],
        ["claims", "--from", "2026-03-02", "--to", "2026-03-03", "--out", "clinic.sqlite", "--replace"],
        ["fhir", "001099010000", "--out", "link.sqlite", "--replace"],
    ])
    func anOutputThatIsTheDatabaseIsRefused(_ arguments: [String]) async throws {
        let folder = try await RecordsCommandTests.clinic()
        let database = folder.appendingPathComponent("clinic.sqlite")
        try FileManager.default.linkItem(at: database, to: folder.appendingPathComponent("link.sqlite"))
        let before = try Data(contentsOf: database)
        let result = try await Self.records(arguments + ["--db", "clinic.sqlite"], in: folder)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("error: out:"), "\(result.standardError)")
        #expect(try Data(contentsOf: database) == before, "the database is untouched")
        #expect(try await Self.patientCount(database) == 4)
    }

    @Test(arguments: [
        ["backup", "--out", "kept.out"], ["claims", "--from", "2026-03-02", "--to", "2026-03-03", "--out", "kept.out"],
        ["fhir", "001099010000", "--out", "kept.out"],
    ])
    func anExistingOutputIsReplacedOnlyWhenAskedTo(_ arguments: [String]) async throws {
        let folder = try await RecordsCommandTests.clinic()
        let kept = folder.appendingPathComponent("kept.out")
        try Data("last night's".utf8).write(to: kept)
        let refused = try await Self.records(arguments + ["--db", "clinic.sqlite"], in: folder)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.hasPrefix("error: out: the file exists"), "\(refused.standardError)")
        #expect(try Data(contentsOf: kept) == Data("last night's".utf8))
        let replaced = try await Self.records(arguments + ["--db", "clinic.sqlite", "--replace"], in: folder)
        #expect(replaced.status == 0, "\(replaced.standardError)")
        #expect(try Data(contentsOf: kept) != Data("last night's".utf8))
        #expect(try RecordsFixtures.leftovers(in: folder).isEmpty)
    }

    @Test func aBackupThatRunsOutOfSpaceKeepsLastNightsFile() async throws {
        let folder = try await RecordsCommandTests.clinic()
        let first = try await Self.records(["backup", "--db", "clinic.sqlite", "--out", "nightly.gz"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let good = try Data(contentsOf: folder.appendingPathComponent("nightly.gz"))
        let executable = try BuiltExecutable("records").url.path
        // Files may grow to 2 KiB only, and the signal is ignored: writes fail as on a full disk.
        let script =
            "trap '' XFSZ; ulimit -f 4; exec '\(executable)' backup --db clinic.sqlite --out nightly.gz --replace"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 74)
        #expect(try Data(contentsOf: folder.appendingPathComponent("nightly.gz")) == good, "last night's file is kept")
        #expect(try RecordsFixtures.leftovers(in: folder).isEmpty, "the partial file is removed")
        let restore = try await Self.records(["restore", "--db", "copy.sqlite", "nightly.gz"], in: folder)
        #expect(restore.status == 0, "\(restore.standardError)")
    }

    @Test func aBackupTakenWhileADeskWritesRestores() async throws {
        let folder = try makeTemporaryFolder()
        try RecordsFixtures.writePatients(6000, to: folder.appendingPathComponent("seed.gz"))
        let seeded = try await Self.records(["restore", "--db", "clinic.sqlite", "seed.gz"], in: folder)
        #expect(seeded.status == 0, "\(seeded.standardError)")
        let store = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
        let finished = Flag()
        let backup = Task {
            defer { finished.set() }
            return try await Self.records(["backup", "--db", "clinic.sqlite", "--out", "b.gz"], in: folder)
        }
        var desk = 0
        // A check-in every few milliseconds for as long as the backup runs.
        while !finished.isSet && desk < 1900 {
            try await RecordsFixtures.commitCheckIn(desk, seed: 5, to: store)
            desk += 1
            try await Task.sleep(for: .milliseconds(5))
        }
        let result = try await backup.value
        #expect(result.status == 0, "\(result.standardError)")
        let restore = try await Self.records(["restore", "--db", "copy.sqlite", "b.gz"], in: folder)
        #expect(restore.status == 0, "\(restore.standardError)")
        let restored = try await Self.patientCount(folder.appendingPathComponent("copy.sqlite"))
        #expect(restored >= 6000 && restored <= 6000 + desk)
    }

    /// Runs a restore into `target.sqlite` while a desk, seeing it under way, creates that file
    /// and checks patients in until the restore ends; returns the restore's result and how many
    /// check-ins the desk committed — or `nil` when the restore was over before the desk could
    /// create the file (a busy machine woke the desk too late), or the restore had not yet staged
    /// its file when the wait ended: then there was no race to judge.
    static func restoreRacingADesk(_ archive: String, in folder: URL) async throws -> (BuiltExecutable.Result, Int)? {
        let finished = Flag()
        let restore = Task {
            defer { finished.set() }
            return try await Self.records(["restore", "--db", "target.sqlite", archive], in: folder)
        }
        let started = Date()
        while try RecordsFixtures.leftovers(in: folder).isEmpty
            && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("target.sqlite").path)
            && Date().timeIntervalSince(started) < 20
        {
            try await Task.sleep(for: .milliseconds(2))
        }
        let target = folder.appendingPathComponent("target.sqlite")
        // A race only once the restore has staged its file: before that, it has not yet looked
        // whether the database exists (a slow start on a busy machine), so the desk would come first.
        guard !finished.isSet, try !RecordsFixtures.leftovers(in: folder).isEmpty,
            !FileManager.default.fileExists(atPath: target.path)
        else {
            _ = try await restore.value
            return nil
        }
        let desk = try SQLiteStore(path: target.path)
        var committed = 0
        while committed < 3 || (!finished.isSet && committed < 1900) {
            try await RecordsFixtures.commitCheckIn(committed, seed: 7, to: desk)
            committed += 1
            try await Task.sleep(for: .milliseconds(5))
        }
        let result = try await restore.value
        // A few more after the restore ended: the desk's file is still the one at the path.
        for index in committed..<(committed + 3) { try await RecordsFixtures.commitCheckIn(index, seed: 7, to: desk) }
        return (result, committed + 3)
    }

    @Test(arguments: [true, false])
    func aRestoreNeverRemovesADatabaseADeskCreated(_ truncated: Bool) async throws {
        // A larger archive each time the desk came too late to race the last: a restore is quick
        // alone and the desk's wake-ups are late when the machine is busy with other tests.
        var raced: (result: BuiltExecutable.Result, committed: Int, folder: URL)?
        for patients in [20_000, 80_000, 160_000, 320_000] where raced == nil {
            let folder = try makeTemporaryFolder()
            let archive = folder.appendingPathComponent("big.gz")
            try RecordsFixtures.writePatients(patients, to: archive)
            if truncated {
                let data = try Data(contentsOf: archive)
                try data.prefix(data.count * 9 / 10).write(to: archive)
            }
            if let (result, committed) = try await Self.restoreRacingADesk("big.gz", in: folder) {
                raced = (result, committed, folder)
            }
        }
        let (result, committed, folder) = try #require(raced, "the desk never got to race the restore")
        #expect(result.status == 65, "\(result.standardError)")
        let named = truncated ? "error: archive:" : "error: db: a database appeared"
        #expect(result.standardError.hasPrefix(named), "\(result.standardError)")
        let kept = try await Self.patientCount(folder.appendingPathComponent("target.sqlite"))
        #expect(kept == committed, "every check-in the desk committed stays")
        #expect(try RecordsFixtures.leftovers(in: folder).isEmpty, "the restore's own file is removed")
    }

    @Test(arguments: ["broken audit chain", "coverage without its patient"])
    func anArchiveThatBreaksTheStoreRulesIs65NamingTheFile(_ damage: String) async throws {
        let folder = try makeTemporaryFolder()
        let (patient, coverage, visit) = try RecordsFixtures.checkIn(0)
        var events = try RecordsFixtures.chain()
        var contents = ArchiveContents(patients: [patient], coverages: [coverage], visits: [visit], auditEvents: events)
        contents.patients[0].version = 1
        contents.coverages[0].version = 1
        contents.visits[0].version = 1
        if damage == "broken audit chain" {
            events.remove(at: 1)
            contents.auditEvents = events
        } else {
            contents.patients = []
            contents.visits = []
        }
        try ArchiveWriter.write(contents, to: folder.appendingPathComponent("bad.gz"))
        let result = try await Self.records(["restore", "--db", "new.sqlite", "bad.gz"], in: folder)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("error: archive: bad.gz:"), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.sqlite").path))
        #expect(try RecordsFixtures.leftovers(in: folder).isEmpty)
    }
}

/// A flag one task sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
