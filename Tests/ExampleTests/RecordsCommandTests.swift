import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import TestSupport
import Testing

@Suite("records claims, fhir, backup and restore, run as built")
struct RecordsCommandTests {
    static let staff = "Quản Trị Hệ Thống|001185000001"

    /// A folder holding `clinic.sqlite` with 4 sample patients, each with a closed visit admitted
    /// on consecutive days from 2026-03-02, 08:00 Vietnam time.
    static func clinic() async throws -> URL {
        let folder = try makeTemporaryFolder()
        let database = folder.appendingPathComponent("clinic.sqlite")
        do {
            let store = try SQLiteStore(path: database.path)
            try await ArchivableStoreConformance.fillWithSamples(store, patients: 4)
        }
        // The store closes on its own queue once released, folding its log into the file: wait
        // for that, so a test that compares the file's bytes later sees no write of the fixture's.
        let log = database.path + "-wal"
        let deadline = ContinuousClock.now + .seconds(10)
        while FileManager.default.fileExists(atPath: log), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        return folder
    }

    /// Runs `records` on a thread of its own, so the child never holds a shared test thread.
    static func records(_ arguments: [String], in folder: URL) async throws -> BuiltExecutable.Result {
        let executable = try BuiltExecutable("records")
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try executable.run(arguments, in: folder) })
            }
        }
    }

    @Test func claimsOfTwoDaysAreOneFileWithTwoClaims() async throws {
        let folder = try await Self.clinic()
        let result = try await Self.records(
            ["claims", "--db", "clinic.sqlite", "--from", "2026-03-02", "--to", "2026-03-03", "--out", "day.xml"]
                + ["--staff", Self.staff],
            in: folder
        )
        #expect(result.status == 0, "\(result.standardError)")
        let xml = try String(contentsOf: folder.appendingPathComponent("day.xml"), encoding: .utf8)
        #expect(xml.contains("<SOLUONGHOSO>2</SOLUONGHOSO>"))
        #expect(xml.components(separatedBy: "<HOSO>").count == 3)
    }

    @Test func fhirPrintsTheBundleAndAMissingPatientIs66() async throws {
        let folder = try await Self.clinic()
        let found = try await Self.records(["fhir", "--db", "clinic.sqlite", "001099010000"], in: folder)
        #expect(found.status == 0, "\(found.standardError)")
        let bundle = try JSONSerialization.jsonObject(with: Data(found.standardOutput.utf8)) as? [String: Any]
        #expect(bundle?["resourceType"] as? String == "Bundle")
        #expect((bundle?["entry"] as? [Any])?.count == 4, "the patient, two coverages and a visit")
        let missing = try await Self.records(["fhir", "--db", "clinic.sqlite", "001099099999"], in: folder)
        #expect(missing.status == 66)
        #expect(missing.standardError.hasPrefix("error: personalID:"))
    }

    @Test func backupThenRestoreGivesTheSameStore() async throws {
        let folder = try await Self.clinic()
        let backup = try await Self.records(["backup", "--db", "clinic.sqlite", "--out", "b.gz"], in: folder)
        #expect(backup.status == 0, "\(backup.standardError)")
        let restore = try await Self.records(["restore", "--db", "copy.sqlite", "b.gz"], in: folder)
        #expect(restore.status == 0, "\(restore.standardError)")
        #expect(restore.standardOutput.hasPrefix("4 patients, 6 coverages, 4 visits"))
        let original = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
        let copy = try SQLiteStore(path: folder.appendingPathComponent("copy.sqlite").path)
        #expect(
            try await ArchivableStoreConformance.allRecords(of: copy)
                == ArchivableStoreConformance.allRecords(of: original)
        )
        let again = try await Self.records(["restore", "--db", "copy.sqlite", "b.gz"], in: folder)
        #expect(again.status == 65)
        #expect(again.standardError.hasPrefix("error: db:"))
    }

    @Test(arguments: [
        (
            ["claims", "--db", "clinic.sqlite", "--from", "02/03/2026", "--to", "2026-03-03", "--out", "x.xml"], 65,
            "from"
        ),
        (
            ["claims", "--db", "clinic.sqlite", "--from", "2026-03-02", "--to", "2026-02-30", "--out", "x.xml"], 65,
            "to"
        ),
        (["fhir", "--db", "clinic.sqlite", "12345"], 65, "personalID"),
        (["fhir", "--db", "clinic.sqlite", "--staff", "nobody", "001099010000"], 65, "staff"),
        (["restore", "--db", "new.sqlite", "absent.gz"], 66, "archive"),
        (["restore", "--db", "new.sqlite", "clinic.sqlite"], 65, "archive"),
        (["restore", "--db", "nowhere/new.sqlite", "clinic.sqlite"], 74, "db"),
    ])
    func badInputNamesTheField(_ arguments: [String], _ status: Int32, _ field: String) async throws {
        let folder = try await Self.clinic()
        let result = try await Self.records(arguments, in: folder)
        #expect(result.status == status, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("error: \(field)"), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    #if !PostgreSQL
        @Test(arguments: ["backup", "restore"])
        func aPostgresURLInABuildWithoutTheStoreNamesTheDatabase(_ command: String) async throws {
            let folder = try await Self.clinic()
            let url = "postgres://clinic@127.0.0.1:1/clinic"
            let arguments =
                command == "backup" ? ["backup", "--db", url, "--out", "x.gz"] : ["restore", "--db", url, "x.gz"]
            try Data().write(to: folder.appendingPathComponent("x.gz"))
            let result = try await Self.records(arguments, in: folder)
            #expect(result.status == 65, "\(result.standardError)")
            #expect(result.standardError.hasPrefix("error: db: this build has no PostgreSQL store"))
        }
    #endif
}
