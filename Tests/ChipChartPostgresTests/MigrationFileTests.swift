import Foundation
import Testing

@testable import ChipChartPostgres

@Suite("PostgreSQL migrations as shipped")
struct MigrationFileTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas/postgres")

    @Test("each embedded migration is byte for byte its file", arguments: PostgresMigration.all)
    func embeddedEqualsFile(_ migration: PostgresMigration) throws {
        let file = try String(contentsOf: Self.directory.appendingPathComponent(migration.fileName), encoding: .utf8)
        #expect(migration.sql == file, "\(migration.fileName) differs from the SQL embedded in the library")
    }

    @Test("every file is embedded, numbered from 1 without gaps")
    func everyFileEmbedded() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == PostgresMigration.all.map(\.fileName))
        #expect(PostgresMigration.all.map(\.version) == Array(1...PostgresMigration.all.count))
        #expect(PostgresMigration.latestVersion == PostgresMigration.all.count)
    }

    @Test("the initial migration splits into its statements")
    func initialSplits() throws {
        let statements = SQLScript.statements(in: PostgresMigration.all[0].sql)
        #expect(statements.filter { $0.hasPrefix("CREATE TABLE") }.count == 7)
        #expect(statements.allSatisfy { !$0.hasSuffix(";") && !$0.hasPrefix("--") })
    }

    struct SplitCase: Sendable, CustomStringConvertible {
        let script: String
        let statements: [String]
        var description: String { script }
    }

    @Test(
        "statements end at semicolons outside quotes and comments",
        arguments: [
            SplitCase(script: "SELECT 1; SELECT 2;", statements: ["SELECT 1", "SELECT 2"]),
            SplitCase(script: "SELECT 'a;b'; SELECT \"x;y\"", statements: ["SELECT 'a;b'", "SELECT \"x;y\""]),
            SplitCase(script: "-- one; two\nSELECT 1;", statements: ["SELECT 1"]),
            SplitCase(script: "/* a; b */ SELECT 1;;", statements: ["SELECT 1"]),
            SplitCase(
                script: "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql; SELECT 2",
                statements: ["CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql", "SELECT 2"]
            ),
            SplitCase(script: "SELECT $$;$$;", statements: ["SELECT $$;$$"]),
            SplitCase(script: "SELECT 'it''s; fine';", statements: ["SELECT 'it''s; fine'"]),
            SplitCase(script: "  \n-- only a comment\n", statements: []),
        ]
    )
    func splits(_ split: SplitCase) {
        #expect(SQLScript.statements(in: split.script) == split.statements)
    }
}
