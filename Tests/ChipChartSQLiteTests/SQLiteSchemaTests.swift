import ChipChart
import ChipChartSQLite
import Foundation
import Testing

@Suite("The SQLite schema and its migrations")
struct SQLiteSchemaTests {
    static let schemaFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas/sqlite")

    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: schemaFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func embeddedMigrationsEqualTheFilesByteForByte() throws {
        let files = try Self.files()
        #expect(!files.isEmpty)
        #expect(files.map { $0.deletingPathExtension().lastPathComponent } == SQLiteStore.schemaMigrations.map(\.name))
        for (file, migration) in zip(files, SQLiteStore.schemaMigrations) {
            let bytes = try Data(contentsOf: file)
            #expect(
                bytes == Data(migration.sql.utf8),
                "\(migration) differs from its embedded copy: run Schemas/embed.sh"
            )
        }
    }

    @Test func migrationsAreNumberedWithoutGaps() {
        let versions = SQLiteStore.schemaMigrations.map(\.version)
        #expect(versions == Array(1...versions.count))
        #expect(SQLiteStore.schemaVersion == versions.last)
    }

    @Test func aNewFileIsMarkedAndInWriteAheadLogMode() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("new.sqlite")
        _ = try SQLiteStore(path: path, logger: quietLogger)
        let raw = try RawDatabase(path: path)
        #expect(try raw.integer("PRAGMA user_version") == SQLiteStore.schemaVersion)
        #expect(try raw.integer("PRAGMA application_id") == Int(SQLiteStore.applicationID))
        #expect(try raw.rows("PRAGMA journal_mode").first?.first == "wal")
        // Opening again changes nothing.
        _ = try SQLiteStore(path: path, logger: quietLogger)
        #expect(try raw.integer("PRAGMA user_version") == SQLiteStore.schemaVersion)
    }

    /// A file the store must refuse without changing a byte.
    enum ForeignFile: String, CaseIterable, Sendable {
        case newerVersion
        case ourMarkWithVersionZero
        case ourMarkWithNegativeVersion
        case otherApplication
        case otherApplicationsTables
        case notSQLite

        func make(at path: String) throws {
            switch self {
            case .newerVersion:
                _ = try SQLiteStore(path: path, logger: quietLogger)
                try RawDatabase(path: path).execute("PRAGMA user_version = \(SQLiteStore.schemaVersion + 1)")
            case .ourMarkWithVersionZero:
                _ = try SQLiteStore(path: path, logger: quietLogger)
                try RawDatabase(path: path).execute("PRAGMA user_version = 0")
            case .ourMarkWithNegativeVersion:
                _ = try SQLiteStore(path: path, logger: quietLogger)
                try RawDatabase(path: path).execute("PRAGMA user_version = -1")
            case .otherApplication:
                try RawDatabase(path: path).execute("PRAGMA application_id = 1234; CREATE TABLE t (x)")
            case .otherApplicationsTables:
                try RawDatabase(path: path).execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
            case .notSQLite:
                try Data("name,total\nAn,12\n".utf8).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    @Test(arguments: ForeignFile.allCases)
    func aFileThatIsNotOursIsRefusedUntouched(_ kind: ForeignFile) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("foreign.sqlite")
        try kind.make(at: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteStore(path: path, logger: quietLogger)
            Issue.record("\(kind): the store opened a file that is not its own")
        } catch {
            #expect(error.code == .incompatibleStorage, "\(kind): \(error)")
            #expect(!error.description.contains("\n"), "\(kind): one line")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(kind): the file was changed")
    }

    /// A path that is not a regular file is refused before anything opens it: a FIFO would block
    /// the open until a writer came.
    @Test(arguments: ["directory", "fifo"])
    func aPathThatIsNotARegularFileIsRefused(_ kind: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("special")
        if kind == "directory" {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } else {
            #expect(mkfifo(path, 0o600) == 0)
        }
        #expect {
            try SQLiteStore(path: path, logger: quietLogger)
        } throws: { ($0 as? StoreError)?.code == .incompatibleStorage }
    }
}
