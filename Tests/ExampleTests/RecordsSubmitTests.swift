import ChipChartPortalTesting
import Foundation
import TestSupport
import Testing

@Suite("records submit and records receipts against the fake portal over HTTP, run as built")
struct RecordsSubmitTests {
    /// The signed sample clinic and the fake portal serving on a free port.
    static func clinic() async throws -> (URL, FakeInsurerPortal, [String]) {
        let folder = try await RecordsSigningTests.clinic()
        let (fake, password) = try PortalOverHTTPCommandTests.fake(in: folder)
        let port = try await fake.start()
        let submit =
            ["submit", "--db", "clinic.sqlite", "--from", "2026-03-02", "--to", "2026-03-03"]
            + RecordsSigningTests.signing + [
                "--portal-url", "http://127.0.0.1:\(port)", "--portal-user", "01001_BV", "--portal-password-file",
                password, "--staff", RecordsCommandTests.staff,
            ]
        return (folder, fake, submit)
    }

    static func receipts(in folder: URL) async throws -> [[String: Any]] {
        let result = try await RecordsCommandTests.records(["receipts", "--db", "clinic.sqlite", "--json"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]] ?? []
    }

    @Test func eachFileIsSentOnceAndItsReceiptKept() async throws {
        let (folder, fake, submit) = try await Self.clinic()
        let first = try await RecordsCommandTests.records(submit, in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let lines = first.standardOutput.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count == 3 && $0[1] == "200" && $0[2] != "-" })
        #expect(fake.uploads.map(\.key) == lines.map { $0[0] })
        #expect(first.standardError.contains("2 sent, 0 refused, 0 already accepted"))

        let again = try await RecordsCommandTests.records(submit, in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.isEmpty)
        #expect(again.standardError.contains("0 sent, 0 refused, 2 already accepted (not sent again)"))
        #expect(fake.uploads.count == 2)

        let receipts = try await Self.receipts(in: folder)
        #expect(receipts.map { $0["visitKey"] as? String } == lines.map { $0[0] })
        #expect(receipts.map { $0["transactionID"] as? String } == lines.map { $0[2] })
        #expect(
            receipts.allSatisfy {
                $0["outcome"] as? String == "accepted" && $0["staff"] as? String == "Quản Trị Hệ Thống"
            }
        )
        let text = try await RecordsCommandTests.records(["receipts", "--db", "clinic.sqlite"], in: folder)
        #expect(text.standardOutput.hasPrefix("\(lines[0][0]) 200 \(lines[0][2]) accepted "))

        // The receipts travel with a backup, into a new store, as they were.
        let backup = try await RecordsCommandTests.records(
            ["backup", "--db", "clinic.sqlite", "--out", "b.gz"],
            in: folder
        )
        #expect(backup.status == 0, "\(backup.standardError)")
        let restore = try await RecordsCommandTests.records(["restore", "--db", "new.sqlite", "b.gz"], in: folder)
        #expect(restore.status == 0, "\(restore.standardError)")
        let restored = try await RecordsCommandTests.records(["receipts", "--db", "new.sqlite"], in: folder)
        #expect(restored.standardOutput == text.standardOutput)
        try await fake.stop()
    }

    @Test func aFileChangedAfterSigningIsRefusedWith125ThenAcceptedWhenSignedAgain() async throws {
        let (folder, fake, submit) = try await Self.clinic()
        fake.reformatNextUploads(1)
        let first = try await RecordsCommandTests.records(submit, in: folder)
        #expect(first.status == 65)
        let lines = first.standardOutput.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.map { $0[1] } == ["125", "200"])
        #expect(lines.first?.last == "-")
        #expect(
            first.standardError.hasPrefix(
                "error: visit: 2 sent, 1 refused, 0 already accepted (not sent again); the first refused: \(lines[0][0]): 125 "
            ),
            "\(first.standardError)"
        )
        #expect(first.standardError.split(separator: "\n").count == 1)

        let again = try await RecordsCommandTests.records(submit, in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.split(separator: " ").prefix(2) == [Substring(lines[0][0]), "200"])
        #expect(again.standardError.contains("1 sent, 0 refused, 1 already accepted"))
        #expect(fake.uploads.map(\.result) == ["125", "200", "200"])
        let receipts = try await Self.receipts(in: folder)
        #expect(receipts.map { $0["result"] as? String } == ["125", "200", "200"])
        #expect(receipts.map { $0["outcome"] as? String } == ["signatureInvalid", "accepted", "accepted"])
        try await fake.stop()
    }

    @Test func aDeadPortalIs74AndNothingIsKept() async throws {
        let (folder, fake, submit) = try await Self.clinic()
        try await fake.stop()
        let result = try await RecordsCommandTests.records(submit, in: folder)
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("error: portal-url: "))
        #expect(try await Self.receipts(in: folder).isEmpty)
    }

    @Test(arguments: [["--portal-url", "http://127.0.0.1:1"], ["--sign", "key.p12"]])
    func withoutThePortalOrAKeyItIsUsage(options: [String]) async throws {
        let folder = try await RecordsSigningTests.clinic()
        let result = try await RecordsCommandTests.records(
            ["submit", "--db", "clinic.sqlite", "--from", "2026-03-02", "--to", "2026-03-03"] + options,
            in: folder
        )
        #expect(result.status == 64, "\(result.standardError)")
    }
}
