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
