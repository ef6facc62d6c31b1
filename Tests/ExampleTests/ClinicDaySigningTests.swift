import Foundation
import TestSupport
import Testing

/// `clinic-day --sign`, run as built: the day's claims file is signed, `records verify` and
/// `xmlsec1 --verify` accept it, and one changed byte fails both.
@Suite("clinic-day --sign, run as built")
struct ClinicDaySigningTests {
    /// A fresh folder with `ca.pem`, `pass.txt` and `key.p12` (a current certificate of `ca.pem`).
    static func folderWithKey() throws -> URL {
        let folder = try makeTemporaryFolder()
        let pki = try TestPKI()
        try Data(pki.authorityPEM).write(to: folder.appendingPathComponent("ca.pem"))
        let key = try pki.issue(.current("Phòng khám 01001"), password: RecordsSigningTests.password)
        try Data(key).write(to: folder.appendingPathComponent("key.p12"))
        try Data((RecordsSigningTests.password + "\n").utf8).write(to: folder.appendingPathComponent("pass.txt"))
        return folder
    }

    static let day = ["--population", "200", "--check-ins", "40", "--desks", "2", "--db", "clinic.sqlite", "--quiet"]

    static let signing = ["--sign", "key.p12", "--sign-password-file", "pass.txt", "--trusted-pem", "ca.pem"]

    /// Runs a small clinic day with `signing` in a fresh ``folderWithKey()``.
    static func runDay(_ signing: [String]) async throws -> (folder: URL, run: BuiltExecutable.Result) {
        let folder = try folderWithKey()
        return (folder, try await BuiltExecutable("clinic-day").runInBackground(day + signing, in: folder))
    }

    @Test func theDaysFileIsSignedAndVerifiesWithRecordsAndXMLSecUntilOneByteChanges() async throws {
        let (folder, run) = try await Self.runDay(Self.signing)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("  signed by CN=Phòng khám 01001"), "\(run.standardOutput)")
        let file = folder.appendingPathComponent("clinic.xml")
        let verify = try await RecordsCommandTests.records(
            ["verify", "--trusted-pem", "ca.pem", "clinic.xml"],
            in: folder
        )
        #expect(verify.status == 0, "\(verify.standardError)")
        let trust = folder.appendingPathComponent("ca.pem")
        let xmlsec = try XMLSec.verify(file: file, trusting: trust)
        #expect(xmlsec.ok, "\(xmlsec.output)")

        // One character of the first embedded table, changed.
        var bytes = Array(try Data(contentsOf: file))
        let start = try #require(Self.offset(of: "<NOIDUNGFILE>", in: bytes))
        let index = start + "<NOIDUNGFILE>".utf8.count + 8
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Data(bytes).write(to: folder.appendingPathComponent("changed.xml"))
        let changed = try await RecordsCommandTests.records(
            ["verify", "--trusted-pem", "ca.pem", "changed.xml"],
            in: folder
        )
        #expect(changed.status == 65)
        #expect(changed.standardError.hasPrefix("error: changed.xml: digestMismatch"), "\(changed.standardError)")
        #expect(!(try XMLSec.verify(file: folder.appendingPathComponent("changed.xml"), trusting: trust)).ok)
    }

    @Test func theDaysCheckpointsAreWrittenBesideTheFileAndTheTrailVerifiesAgainstThem() async throws {
        let (folder, run) = try await Self.runDay(Self.signing)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 0, "\(run.standardError)")
        let path = folder.appendingPathComponent("clinic.checkpoints").path
        #expect(run.standardOutput.contains("  audit checkpoints: "), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("clinic.checkpoints\n"), "\(run.standardOutput)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 2, "one when the morning starts, one at the end")
        let trail = try await RecordsCommandTests.records(
            [
                "verify-trail", "--db", "clinic.sqlite", "--checkpoints", "clinic.checkpoints", "--trusted-pem",
                "ca.pem",
            ],
            in: folder
        )
        #expect(trail.status == 0, "\(trail.standardError)")
        #expect(trail.standardOutput.contains("events intact, checkpoint at event"))
    }

    @Test func aKeyThatCannotSignIsRefusedBeforeTheDayStarts() async throws {
        let (folder, run) = try await Self.runDay(["--sign", "key.p12", "--sign-password-file", "missing.txt"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 66)
        #expect(run.standardError == "error: sign-password-file: no such file\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("clinic.sqlite").path))
    }

    static func offset(of text: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
