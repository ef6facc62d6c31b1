import ChipChart
import ChipChartArchive
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

/// A backend an archive is exported from or restored into.
enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case memory
    case sqlite

    func make(in folder: URL) throws -> any ArchivableStore {
        switch self {
        case .memory: InMemoryStore()
        case .sqlite: try SQLiteStore(path: folder.appendingPathComponent("\(UUID().uuidString).sqlite").path)
        }
    }

    var description: String { rawValue }
}

@Suite("Whole stores through archive files")
struct StoreArchiveTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("store-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func access() throws -> Access {
        let staff = Staff(name: try PersonName("Quản Trị"), personalID: try PersonalID("001000000000"), role: .system)
        return Access(by: staff, purpose: "backup")
    }

    /// A store of 25 patients exported to a file: the folder, the store and the file.
    static func exported(from backend: Backend) async throws -> (URL, any ArchivableStore, URL) {
        let folder = try folder()
        let store = try backend.make(in: folder)
        try await ArchivableStoreConformance.fillWithSamples(store, patients: 25)
        let file = folder.appendingPathComponent("backup.gz")
        try await ArchiveWriter.export(store, to: file, by: try access(), pageSize: 7)
        return (folder, store, file)
    }

    @Test(arguments: Backend.allCases, Backend.allCases)
    func exportThenImportReproducesTheStore(_ from: Backend, _ into: Backend) async throws {
        let (folder, source, file) = try await Self.exported(from: from)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = try into.make(in: folder)
        let counts = try await ArchiveReader.restore(from: file, into: target)
        #expect(counts.patients == 25 && counts.visits == 25 && counts.coverages == 38)
        let original = try await ArchivableStoreConformance.allRecords(of: source)
        let restored = try await ArchivableStoreConformance.allRecords(of: target)
        #expect(restored == original)
        let trail = try await target.verifyAuditTrail()
        #expect(trail.isIntact)
        #expect(trail == (try await source.verifyAuditTrail()))
        let events = try await target.auditEvents(after: 0, limit: 1_000)
        #expect(events.contains { $0.action == .export && $0.purpose == "backup" })
    }

    @Test(arguments: Backend.allCases)
    func theFileIsPlainGzipWithCountsInTheTrailer(_ backend: Backend) async throws {
        let (folder, _, file) = try await Self.exported(from: backend)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try shell("gunzip -c '\(file.path)'")
        let lines = text.split(separator: "\n")
        #expect(lines.first?.contains("\"version\":2") == true)
        #expect(lines.last?.contains("\"counts\":{\"auditEvents\":") == true)
        #expect(try ArchiveReader.header(of: file).counts == nil)
        #expect(try ArchiveReader.read(from: file).patients.count == 25)
    }

    @Test(arguments: Backend.allCases, ["truncated", "corrupt", "newerVersion"])
    func aBadArchiveLeavesTheTargetUntouched(_ backend: Backend, _ damage: String) async throws {
        let (folder, _, file) = try await Self.exported(from: .memory)
        defer { try? FileManager.default.removeItem(at: folder) }
        switch damage {
        case "truncated":
            let data = try Data(contentsOf: file)
            try data.prefix(data.count * 3 / 4).write(to: file)
        case "corrupt":
            _ = try shell(
                "gunzip -c '\(file.path)' | sed '5s/Nguy/Ngui/' | gzip -c > '\(file.path).x' && mv '\(file.path).x' '\(file.path)'"
            )
        default:
            _ = try shell(
                "gunzip -c '\(file.path)' | sed '1s/\"version\":2/\"version\":9/' | gzip -c > '\(file.path).x' && mv '\(file.path).x' '\(file.path)'"
            )
        }
        let target = try backend.make(in: folder)
        await #expect {
            try await ArchiveReader.restore(from: file, into: target)
        } throws: { ($0 as? ArchiveError)?.code.name == damage }
        #expect(try await ArchivableStoreConformance.allRecords(of: target).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func aStoreThatHoldsRecordsIsRefused(_ backend: Backend) async throws {
        let (folder, _, file) = try await Self.exported(from: .memory)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = try backend.make(in: folder)
        try await ArchivableStoreConformance.fillWithSamples(target, patients: 1)
        let before = try await ArchivableStoreConformance.allRecords(of: target)
        await #expect {
            try await ArchiveReader.restore(from: file, into: target)
        } throws: { ($0 as? StoreError)?.code == .notEmpty }
        #expect(try await ArchivableStoreConformance.allRecords(of: target) == before)
    }
}

/// Runs a shell command and returns its standard output.
func shell(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
