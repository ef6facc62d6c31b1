import ChipChart
import ChipChartSQLite
import ChipChartSignatures
import ChipChartTesting
import Foundation
import TestSupport
import Testing

@Suite("A signed checkpoint detects a trail rewritten by someone holding a copy of the file")
struct SQLiteStoreCheckpointTests {
    static let facility = Result { try TestPKI(commonName: "Facility Test CA") }
    static let stranger = Result { try TestPKI(commonName: "Someone Else's CA") }
    static let password = "test-only"

    /// The facility's checkpointer, or one whose signer the facility's trust store does not know.
    static func checkpointer(signedBy pki: TestPKI? = nil) throws -> AuditCheckpointer {
        let issuer = try pki ?? facility.get()
        let signer = try PKCS12Signer(
            pkcs12: issuer.issue(.current("Phòng khám Đa khoa 01001"), password: password),
            password: password
        )
        return AuditCheckpointer(signer: signer, policy: try trust(issuer))
    }

    static func trust(_ pki: TestPKI) throws -> CertificatePolicy {
        CertificatePolicy(trusted: try Certificate.pem(pki.authorityPEM))
    }

    /// What an attacker with the file but without the key does: rewrite the trail raw, then
    /// recompute every hash from `sequence` on so that the links hold again.
    enum Attack: String, CaseIterable, Sendable {
        case editedAndRecomputed
        case reorderedAndRecomputed
        case truncated

        var sql: String {
            switch self {
            case .editedAndRecomputed: return "UPDATE audit_event SET purpose = 'nothing to see' WHERE sequence = 3"
            case .reorderedAndRecomputed:
                return """
                    UPDATE audit_event SET sequence = -3 WHERE sequence = 3;
                    UPDATE audit_event SET sequence = 3 WHERE sequence = 4;
                    UPDATE audit_event SET sequence = 4 WHERE sequence = -3;
                    """
            case .truncated: return "DELETE FROM audit_event WHERE sequence > 6"
            }
        }

        /// Where verification against a checkpoint at event 8 breaks.
        var brokenAt: Int64 { self == .truncated ? 7 : 8 }
    }

    /// Reseals every event from `sequence` on after its (possibly rewritten) predecessor and
    /// writes the new time, predecessor hash and hash into the file.
    static func recompute(_ store: SQLiteStore, _ raw: RawDatabase, from sequence: Int64) async throws {
        var previous: AuditEvent?
        for event in try await store.auditEvents(after: 0, limit: 100) {
            guard event.sequence >= sequence else {
                previous = event
                continue
            }
            let sealed = event.draft.sealed(after: previous)
            try raw.execute(
                """
                UPDATE audit_event SET at_ms = \(sealed.epochMilliseconds), previous_hash = '\(sealed.previousHash)',
                hash = '\(sealed.hash)' WHERE sequence = \(sealed.sequence)
                """
            )
            previous = sealed
        }
    }

    @Test(arguments: Attack.allCases)
    func eachAttackIsDetectedAgainstTheCheckpoint(_ attack: Attack) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let store = try await SQLiteStoreAuditTests.storeWithTrail(at: path)
        let checkpointer = try Self.checkpointer()
        let checkpoint = try await checkpointer.checkpoint(of: store)
        #expect(checkpoint.sequence == 8)

        let raw = try RawDatabase(path: path)
        try raw.execute("DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete")
        try raw.execute(attack.sql)
        if attack != .truncated { try await Self.recompute(store, raw, from: 3) }
        let copy = try SQLiteStore(path: path, logger: quietLogger)

        let plain = try await copy.verifyAuditTrail()
        #expect(plain.isIntact, "the attack should fool the plain chain: \(String(describing: plain.firstBrokenLink))")
        let verdict = try await checkpoint.verifyTrail(of: copy, policy: checkpointer.policy)
        #expect(!verdict.isIntact, "\(attack) went unnoticed")
        #expect(verdict.firstBrokenLink?.sequence == attack.brokenAt, "\(String(describing: verdict.firstBrokenLink))")
    }

    @Test func anUntouchedTrailVerifiesAndMayGrowAfterTheCheckpoint() async throws {
        let folder = try TemporaryFolder()
        let store = try await SQLiteStoreAuditTests.storeWithTrail(at: folder.path("audit.sqlite"))
        let checkpointer = try Self.checkpointer()
        let checkpoint = try await checkpointer.checkpoint(of: store)
        let first = try await checkpoint.verifyTrail(of: store, policy: checkpointer.policy)
        #expect(first.isIntact && first.eventCount == 8)

        let access = Access(by: try SyntheticPopulation(seed: 5).staff(), purpose: "review")
        _ = try await store.patients(namePrefix: "Nguyễn", bornIn: nil, limit: 5, for: access)
        let later = try await checkpoint.verifyTrail(of: store, policy: checkpointer.policy)
        #expect(later.isIntact && later.eventCount > 8)
    }

    @Test func aCheckpointSignedByAnUntrustedKeyIsRefused() async throws {
        let folder = try TemporaryFolder()
        let store = try await SQLiteStoreAuditTests.storeWithTrail(at: folder.path("audit.sqlite"))
        let forger = try Self.checkpointer(signedBy: Self.stranger.get())
        let forged = try await forger.checkpoint(of: store)
        let facility = try Self.checkpointer()
        let error = await #expect(throws: SignatureError.self) {
            _ = try await forged.verifyTrail(of: store, policy: facility.policy)
        }
        #expect(error?.reason == .untrustedChain)
    }

    @Test func aCheckpointWhoseHashWasChangedDoesNotVerify() async throws {
        let folder = try TemporaryFolder()
        let store = try await SQLiteStoreAuditTests.storeWithTrail(at: folder.path("audit.sqlite"))
        let checkpointer = try Self.checkpointer()
        let genuine = try await checkpointer.checkpoint(of: store)
        let altered = try AuditCheckpoint(
            sequence: genuine.sequence - 2,
            headHash: genuine.headHash,
            at: genuine.at,
            certificateChain: genuine.certificateChain,
            signature: genuine.signature
        )
        let error = await #expect(throws: SignatureError.self) {
            _ = try await altered.verifyTrail(of: store, policy: checkpointer.policy)
        }
        #expect(error?.reason == .signatureInvalid)
    }
}
