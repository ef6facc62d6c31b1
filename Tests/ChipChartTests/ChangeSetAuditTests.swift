import ChipChart
import Foundation
import Testing

@Suite("A change set's audit drafts")
struct ChangeSetAuditTests {
    static func staff() throws -> Staff {
        Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
    }

    @Test(arguments: [0, 1, 7])
    func draftNamesTheNextVersion(storedVersion: Int) throws {
        var patient = Patient(
            demographics: Demographics(name: try PersonName("Nguyễn Văn A"), dateOfBirth: .year(1999), sex: .male)
        )
        patient.version = storedVersion
        var changes = ChangeSet(Access(by: try Self.staff(), purpose: "test"))
        changes.save(patient)
        let drafts = changes.auditDrafts(at: Date(timeIntervalSince1970: 0))
        #expect(drafts.count == 1)
        #expect(drafts.first?.action == (storedVersion == 0 ? .create : .update))
        #expect(drafts.first?.detail == "version \(storedVersion + 1)")
    }

    @Test func sealedDraftsChain() throws {
        let draft = AuditEvent.Draft(
            at: Date(timeIntervalSince1970: 1),
            staff: try Self.staff(),
            action: .read,
            purpose: "test"
        )
        let first = draft.sealed(after: nil)
        let second = draft.sealed(after: first)
        #expect(AuditChainVerifier.verify([first, second]).isIntact)
        #expect(!AuditChainVerifier.verify([second]).isIntact)
    }
}

@Suite("The audit hash is SHA-256 of the event's fields")
struct AuditHashTests {
    /// Detail lengths chosen so the hashed message ends on both sides of SHA-256's 64-byte block
    /// and 56-byte padding boundaries; the expected hashes come from an independent SHA-256.
    static let vectors: [(detailLength: Int, hash: String)] = [
        (0, "130ac06eb15afb722da83163765007a1030482af2e665c485a78c0f0624d1e6a"),
        (1, "5e67f27851a7d957f3afaa8355347d9d4d4e2c7210874bec14993fb564e46b66"),
        (5, "7e72ab0be7db807a5a7850a18579c3c877fa1edae1f0f04cce6225b2ba93c4f5"),
        (6, "69a859e6e5d93e97158999f265f8a5e03d1f67169ef1c784451fc111444dcd7c"),
        (55, "8a5fc50f0e116c7083be186759f7ee0dfc12183c6c3a3fb75c3d5356326711e9"),
        (56, "4083c3dc94601c3fc09e38afc7561c3333ee9f89ca915cab69b72b9172a5b027"),
        (63, "a9ede1d6fe74cfbbeef46bfd710954ffb652c532ced1b3bc562cc0607339a492"),
        (64, "73773f03c0f9598771e97c385e88005591789876fbe8dedc545119e579e11d70"),
        (100, "636d32e8486801766c1f6a4579950970423acc4b4a3021cbad7d45dba748350c"),
        (119, "0c77a463dd03b48faee6fa67561bae32cbf5c5caa215c0de795d465ae107f0de"),
        (120, "a47afe8682ed417a891fc0d8976969ae951b92b18f203f714e2c082ca21a4a74"),
        (200, "2c96626ce348e8aaebc1c70ff7c8a6257974593f94449613daabf494010090d5"),
    ]

    @Test(arguments: vectors)
    func computedHashMatchesAnIndependentSHA256(_ vector: (detailLength: Int, hash: String)) throws {
        let event = AuditEvent(
            sequence: 1,
            at: Date(timeIntervalSince1970: 1_772_409_600.123),
            staff: try ChangeSetAuditTests.staff(),
            action: .read,
            recordKind: .patient,
            recordID: UUID(uuidString: "0b0c0d0e-0000-4000-8000-000000000001"),
            patientID: UUID(uuidString: "0b0c0d0e-0000-4000-8000-000000000002").map(PatientID.init),
            purpose: "check-in",
            detail: String(repeating: "x", count: vector.detailLength),
            previousHash: AuditEvent.genesisHash,
            hash: ""
        )
        #expect(event.computedHash == vector.hash)
    }
}
