import ChipChart
import ChipChartSignatures
import Foundation
import TestSupport

/// A facility checkpointing its audit trail, as the checkpoint doc comments take it: its signer
/// and trust store, a store, a checkpoint of it and where the checkpoints are kept.
struct Checkpoints: DocumentationContext {
    /// The facility's signer.
    let signer: PKCS12Signer
    /// The trust store as a policy.
    let policy: CertificatePolicy
    /// The store whose trail is checkpointed.
    let store: InMemoryStore
    /// A checkpoint of the store's trail.
    let checkpoint: AuditCheckpoint
    /// The checkpoint file.
    let checkpointsURL: URL

    static func make(in folder: URL) async throws -> Checkpoints {
        let pki = try TestPKI()
        let password = "facility-password"
        let signer = try PKCS12Signer(
            pkcs12: pki.issue(.current("Bệnh viện Mẫu"), password: password),
            password: password
        )
        let policy = CertificatePolicy(trusted: try Certificate.pem(pki.authorityPEM))
        let store = InMemoryStore()
        let checkpoint = try await AuditCheckpointer(signer: signer, policy: policy).checkpoint(of: store)
        return Checkpoints(
            signer: signer,
            policy: policy,
            store: store,
            checkpoint: checkpoint,
            checkpointsURL: folder.appendingPathComponent("checkpoints.jsonl")
        )
    }
}
