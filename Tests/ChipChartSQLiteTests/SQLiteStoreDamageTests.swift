import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

@Suite("SQLiteStore on damaged and read-only files")
struct SQLiteStoreDamageTests {
    static let population = SyntheticPopulation(seed: 99)

    /// A closed store file holding `count` patients, and their personal IDs.
    static func filledStore(at path: String, count: Int = 400) async throws -> [PersonalID] {
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let access = Access(by: try population.staff(), purpose: "import")
        var ids: [PersonalID] = []
        let sets = try (0..<count).map { index in
            let person = try population.person(at: index)
            ids.append(person.personalID)
            var patient = Patient(
                demographics: Demographics(
                    name: person.reading.name,
                    dateOfBirth: person.reading.dateOfBirth,
                    sex: person.reading.sex,
                    address: String(repeating: person.reading.address ?? "", count: 8)
                )
            )
            patient.identifiers = [.personalID(person.personalID)]
            var changes = ChangeSet(access)
            changes.save(patient)
            return changes
        }
        try await store.load(sets)
        return ids
    }

    /// Opens the store and reads every patient; returns the first store error met.
    static func firstError(opening path: String, reading ids: [PersonalID]) async -> StoreError? {
        do {
            let store = try SQLiteStore(path: path, logger: quietLogger)
            let access = Access(by: try population.staff(), purpose: "check")
            for id in ids { _ = try await store.patient(identifiedBy: .personalID(id), for: access) }
            _ = try await store.patients(namePrefix: "", bornIn: nil, limit: 10_000, for: access)
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return StoreError(.storageFailure, "unexpected \(error)")
        }
    }

    @Test func aCorruptFileGivesCorruptStorage() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("corrupt.sqlite")
        let ids = try await Self.filledStore(at: path)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        #expect(size > 40_000, "the file has many pages")
        // Scribble over every page but the first (the header and schema).
        var offset: UInt64 = 4096
        while offset < size {
            try handle.seek(toOffset: offset + 8)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
            offset += 4096
        }
        try handle.close()
        let error = await Self.firstError(opening: path, reading: ids)
        #expect(error?.code == .corruptStorage, "got \(String(describing: error))")
    }

    @Test func aTruncatedFileGivesCorruptStorage() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("truncated.sqlite")
        let ids = try await Self.filledStore(at: path)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(truncate(path, off_t(size / 2)) == 0)
        let error = await Self.firstError(opening: path, reading: ids)
        #expect(error?.code == .corruptStorage, "got \(String(describing: error))")
    }

    @Test func aFileTruncatedInsideItsHeaderGivesCorruptStorage() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("stub.sqlite")
        _ = try await Self.filledStore(at: path, count: 1)
        #expect(truncate(path, 50) == 0)
        let error = await Self.firstError(opening: path, reading: [])
        #expect(error?.code == .corruptStorage, "got \(String(describing: error))")
    }

    @Test func aReadOnlyFileGivesReadOnly() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("readonly.sqlite")
        _ = try await Self.filledStore(at: path, count: 3)
        #expect(chmod(path, 0o444) == 0)
        #expect(chmod(folder.url.path, 0o755) == 0)
        if getuid() == 0 {
            // Root writes any file, so ask a process running as `nobody`.
            #expect(chmod(folder.url.path, 0o777) == 0)
            let lines = try StressTool.run(["open", "--path", path, "--as-nobody"])
            #expect(lines == ["ERROR readOnly"], "got \(lines)")
        } else {
            #expect(throws: StoreError.self) { try SQLiteStore(path: path, logger: quietLogger) }
            do {
                _ = try SQLiteStore(path: path, logger: quietLogger)
            } catch {
                #expect(error.code == .readOnly, "got \(error)")
            }
        }
    }
}

@Suite("SQLiteStore on a damaged record")
struct SQLiteStoreDamagedRecordTests {
    @Test(arguments: ["substr(body, 1, 10)", "body || x'00'", "x''"])
    func aDamagedBodyGivesCorruptStorage(_ damage: String) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("record.sqlite")
        let ids = try await SQLiteStoreDamageTests.filledStore(at: path, count: 2)
        try RawDatabase(path: path).execute("UPDATE patient SET body = \(damage)")
        let error = await SQLiteStoreDamageTests.firstError(opening: path, reading: ids)
        #expect(error?.code == .corruptStorage, "got \(String(describing: error))")
    }
}
