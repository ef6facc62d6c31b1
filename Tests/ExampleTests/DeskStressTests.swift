import ChipCard
import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Synchronization
import Testing

/// Eight desks and a backup every few seconds against one SQLite file, run with the built
/// executables exactly as a hospital runs them: each check-in is a `reception check-in` process,
/// each backup a `records backup` process writing a new file.
///
/// The desks work through a few people at a time — every second and a half two already registered
/// patients and two new ones — so several desks check the same person in at once, by QR code,
/// MRZ, or typed insurance card (with name and birth date). Afterwards every backup is restored
/// with `records restore` into a fresh file and checked to be a consistent snapshot (every
/// coverage and visit refers to a patient in it, every record matches its audit events, the
/// chain verifies), and the live file is checked for a person with two patient records or two
/// open visits of one kind at the facility, and for its audit chain.
///
/// It runs about 40 seconds; `CHIPCHART_STRESS_SECONDS=300 swift test --filter DeskStressTests`
/// runs it for five minutes.
@Suite("Desks and backups on one SQLite file, run as built")
struct DeskStressTests {
    /// How long the desks work.
    static var duration: Double {
        ProcessInfo.processInfo.environment["CHIPCHART_STRESS_SECONDS"].flatMap(Double.init) ?? 40
    }
    static let desks = 8
    static let backupInterval = 3.0

    @Test func eightDesksAndBackupsLeaveConsistentSnapshotsAndNoPersonTwice() async throws {
        let folder = try makeTemporaryFolder()
        let run = try DeskStress(folder: folder, duration: Self.duration)
        try await run.prepare()
        let activity = try await run.work(desks: Self.desks, backupEvery: Self.backupInterval)

        var findings = DeskStress.Findings()
        activity.check(into: &findings, people: run.people)
        for backup in activity.backups where backup.status == 0 {
            try await run.checkSnapshot(backup.file, into: &findings)
        }
        try await run.checkLiveFile(into: &findings)

        print(activity.report(duration: Self.duration, people: run.people.count) + "\n" + findings.report)
        for (check, problems) in findings.problems.sorted(by: { $0.key < $1.key }) {
            Issue.record(
                "\(check): \(problems.count) problem(s): \(problems.prefix(8).joined(separator: "; "))"
            )
        }
        if findings.problems.isEmpty {
            try? FileManager.default.removeItem(at: folder)
        } else {
            print("the files are kept in \(folder.path)")
        }
    }
}
