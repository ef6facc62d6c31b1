import Foundation
import TestSupport
import Testing

/// `records checkpoint` and `records verify-trail`, run as built.
@Suite("records checkpoint and records verify-trail, run as built")
struct RecordsCheckpointTests {
    static let checkpoint =
        ["checkpoint", "--db", "clinic.sqlite"] + RecordsSigningTests.signing + ["--out", "checkpoints.jsonl"]
    static let verifyTrail = [
        "verify-trail", "--db", "clinic.sqlite", "--checkpoints", "checkpoints.jsonl", "--trusted-pem", "ca.pem",
    ]

    @Test func aCheckpointIsAppendedAndTheTrailVerifiesAgainstIt() async throws {
        let folder = try await RecordsSigningTests.clinic()
        for _ in 0..<2 {
            let result = try await RecordsCommandTests.records(Self.checkpoint, in: folder)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.hasPrefix("checkpoint at event "))
        }
        let lines = try String(contentsOf: folder.appendingPathComponent("checkpoints.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 2)
        let verify = try await RecordsCommandTests.records(Self.verifyTrail, in: folder)
        #expect(verify.status == 0, "\(verify.standardError)")
        #expect(verify.standardOutput.contains("events intact, checkpoint at event "))
    }

    @Test func aCheckpointSignedByAnotherCAIs65() async throws {
        let folder = try await RecordsSigningTests.clinic()
        let stranger = try TestPKI(commonName: "Someone Else's CA")
        let password = RecordsSigningTests.password
        try Data(stranger.issue(.current("Không phải phòng khám"), password: password))
            .write(to: folder.appendingPathComponent("other.p12"))
        try Data(stranger.authorityPEM).write(to: folder.appendingPathComponent("other.pem"))
        let forged = try await RecordsCommandTests.records(
            ["checkpoint", "--db", "clinic.sqlite", "--sign", "other.p12", "--sign-password-file", "pass.txt"]
                + ["--trusted-pem", "other.pem", "--out", "checkpoints.jsonl"],
            in: folder
        )
        #expect(forged.status == 0, "\(forged.standardError)")
        let verify = try await RecordsCommandTests.records(Self.verifyTrail, in: folder)
        #expect(verify.status == 65)
        #expect(verify.standardError.hasPrefix("error: checkpoints: untrustedChain"), "\(verify.standardError)")
    }

    @Test func noCheckpointFileIs66() async throws {
        let folder = try await RecordsSigningTests.clinic()
        let verify = try await RecordsCommandTests.records(Self.verifyTrail, in: folder)
        #expect(verify.status == 66)
        #expect(verify.standardError.hasPrefix("error: checkpoints: "), "\(verify.standardError)")
    }
}
