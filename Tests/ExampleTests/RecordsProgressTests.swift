import Foundation
import TestSupport
import Testing

/// `records claims`, `backup` and `restore` show progress on a terminal only, and never with
/// `--quiet`: piped, they print exactly what they printed before progress was shown.
@Suite("records progress, run as built")
struct RecordsProgressTests {
    /// The commands that show progress, with the words their progress line starts with and the
    /// one line each prints on standard output.
    static let commands: [(arguments: [String], out: String, progress: String, output: String)] = [
        (
            ["backup", "--db", "clinic.sqlite", "--out", "b.gz"], "b.gz", "records written:",
            "4 patients, 6 coverages, 4 visits, 17 audit events written to b.gz"
        ),
        (
            ["claims", "--db", "clinic.sqlite", "--from", "2026-03-01", "--to", "2026-03-09", "--out", "c.xml"],
            "c.xml", "visits read:", "4 claims written to c.xml"
        ),
    ]

    /// Runs `records` with a pseudo-terminal as its standard output and standard error (through
    /// `script`), and returns everything the terminal showed.
    static func onATerminal(_ arguments: [String], in folder: URL) async throws -> String {
        let records = try BuiltExecutable("records").url.path
        let command = ([records] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let script = BuiltExecutable(at: URL(fileURLWithPath: "/usr/bin/script"))
        let result = try await script.runInBackground(["-q", "-e", "-c", command, "/dev/null"], in: folder)
        #expect(result.status == 0, "\(result.standardOutput)")
        return result.standardOutput
    }

    @Test(arguments: commands.indices)
    func pipedTheOutputIsExactlyTheResult(_ index: Int) async throws {
        let folder = try await RecordsCommandTests.clinic()
        let command = Self.commands[index]
        let result = try await RecordsCommandTests.records(command.arguments, in: folder)
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == command.output + "\n")
    }

    @Test func pipedARestorePrintsOnlyItsResult() async throws {
        let folder = try await RecordsCommandTests.clinic()
        _ = try await RecordsCommandTests.records(["backup", "--db", "clinic.sqlite", "--out", "b.gz"], in: folder)
        let result = try await RecordsCommandTests.records(["restore", "--db", "copy.sqlite", "b.gz"], in: folder)
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput.hasSuffix(" restored into copy.sqlite\n"))
        #expect(result.standardOutput.split(separator: "\n").count == 1)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")), arguments: commands.indices)
    func aTerminalShowsProgressUnlessQuiet(_ index: Int) async throws {
        let folder = try await RecordsCommandTests.clinic()
        let command = Self.commands[index]
        let shown = try await Self.onATerminal(command.arguments, in: folder)
        #expect(shown.contains("\r\(command.progress) "), "\(shown.debugDescription)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent(command.out))
        let quiet = try await Self.onATerminal(command.arguments + ["--quiet"], in: folder)
        #expect(!quiet.contains(command.progress), "\(quiet.debugDescription)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalShowsARestoresProgress() async throws {
        let folder = try await RecordsCommandTests.clinic()
        _ = try await RecordsCommandTests.records(["backup", "--db", "clinic.sqlite", "--out", "b.gz"], in: folder)
        let shown = try await Self.onATerminal(["restore", "--db", "copy.sqlite", "b.gz"], in: folder)
        #expect(shown.contains("\rrecords restored: "), "\(shown.debugDescription)")
        let quiet = try await Self.onATerminal(["restore", "--db", "quiet.sqlite", "b.gz", "--quiet"], in: folder)
        #expect(!quiet.contains("records restored:"), "\(quiet.debugDescription)")
    }
}
