import ChipChartSignatures
import Foundation
import TestSupport
import Testing

@Suite("Audit checkpoints are signed, appended to their file and read back")
struct AuditCheckpointFileTests {
    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-\(UUID().uuidString).jsonl")
    }

    @Test func checkpointsRoundTripThroughTheFileAndStillVerify() async throws {
        let fixture = try SigningFixture()
        let checkpointer = AuditCheckpointer(signer: try fixture.signer(), policy: fixture.policy)
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let file = AuditCheckpointFile(url: url)
        #expect(try file.latest() == nil)

        let seconds = Date().timeIntervalSince1970.rounded(.down)
        let empty = try await checkpointer.sign(head: nil, at: Date(timeIntervalSince1970: seconds + 0.123))
        #expect(empty.sequence == 0 && empty.headHash == String(repeating: "0", count: 64))
        let later = try await checkpointer.sign(head: nil)
        try file.append(empty)
        try file.append(later)

        let read = try file.checkpoints()
        #expect(read == [empty, later])
        #expect(try file.latest() == later)
        for checkpoint in read { try checkpoint.verify(policy: fixture.policy) }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2 && text.hasSuffix("\n"))
        #expect(text.contains("\"atMilliseconds\":\(Int64(seconds))123"))
    }

    @Test func theSignedBytesAreTheDocumentedLines() async throws {
        let fixture = try SigningFixture()
        let checkpointer = AuditCheckpointer(signer: try fixture.signer(), policy: fixture.policy)
        let seconds = Date().timeIntervalSince1970.rounded(.down)
        let checkpoint = try await checkpointer.sign(head: nil, at: Date(timeIntervalSince1970: seconds + 0.5))
        let lines = String(decoding: checkpoint.signedBytes, as: UTF8.self).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        #expect(lines.count == 6 && lines[5].isEmpty)
        #expect(
            Array(lines[0...3]) == [
                "chipchart-audit-checkpoint/1", "0", Substring(String(repeating: "0", count: 64)),
                "\(Int64(seconds))500",
            ]
        )
        #expect(lines[4].count == 64)
    }

    @Test(arguments: [
        ("not json", "line 1"),
        ("{\"sequence\":1}", "line 1"),
        (
            "{\"atMilliseconds\":0,\"certificates\":[],\"headHash\":\"\(String(repeating: "a", count: 64))\",\"sequence\":1,\"signature\":\"\"}",
            "certificateChain"
        ),
        (
            "{\"atMilliseconds\":0,\"certificates\":[\"@@\"],\"headHash\":\"x\",\"sequence\":1,\"signature\":\"\"}",
            "certificates"
        ),
    ])
    func aDamagedLineIsNamed(line: String, named: String) throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data((line + "\n").utf8).write(to: url)
        let error = #expect(throws: SignatureError.self) { _ = try AuditCheckpointFile(url: url).checkpoints() }
        #expect(error?.reason == .malformedCheckpoint)
        #expect(error?.message.contains(named) == true, "\(String(describing: error))")
    }

    @Test func aCheckpointSignedWithAnExpiredCertificateIsRefusedAtSigning() async throws {
        let fixture = try SigningFixture()
        let expired = TestPKI.Profile(
            commonName: "Phòng khám cũ",
            validity: Date(timeIntervalSinceNow: -86_400 * 400)...Date(timeIntervalSinceNow: -86_400)
        )
        let checkpointer = AuditCheckpointer(signer: try fixture.signer(expired), policy: fixture.policy)
        let error = await #expect(throws: SignatureError.self) { _ = try await checkpointer.sign(head: nil) }
        #expect(error?.reason == .certificateExpired)
    }
}
