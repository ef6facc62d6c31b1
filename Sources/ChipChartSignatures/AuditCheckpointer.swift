public import ChipChart
public import Foundation

/// Signs checkpoints of a store's audit trail with the facility's signer; a trail is verified
/// against one with ``AuditCheckpoint/verifyTrail(of:policy:)``.
///
/// Works with any ``RecordStore``: the checkpoint is made from what
/// ``RecordStore/auditEvents(after:limit:)`` answers and kept outside the store (an
/// ``AuditCheckpointFile``), so no store's schema changes.
///
/// <!-- snippet: context=Checkpoints -->
/// ```swift
/// let checkpointer = AuditCheckpointer(signer: signer, policy: policy)
/// let checkpoint = try await checkpointer.checkpoint(of: store)
/// try AuditCheckpointFile(url: checkpointsURL).append(checkpoint)
/// let verdict = try await checkpoint.verifyTrail(of: store, policy: policy)
/// // verdict.isIntact is false when events were edited, recomputed, reordered or cut off
/// ```
public struct AuditCheckpointer: Sendable {
    /// The facility's signer.
    public let signer: any Signer
    /// The checks its certificate must pass at signing, and a checkpoint's at verification.
    public let policy: CertificatePolicy

    /// A checkpointer signing with `signer` and trusting what `policy` trusts.
    public init(signer: any Signer, policy: CertificatePolicy) {
        self.signer = signer
        self.policy = policy
    }

    /// Signs a checkpoint of a trail whose last event is `head` (`nil` for an empty trail).
    ///
    /// - Throws: ``SignatureError``: the certificate policy's reasons when the signer's
    ///   certificate is not fit to sign at `time`, `signingFailed` from the signer.
    public func sign(head: AuditEvent?, at time: Date = Date()) async throws(SignatureError) -> AuditCheckpoint {
        let chain = signer.certificateChain
        guard let leaf = chain.first else {
            throw SignatureError(.malformedCertificate, "the signer has no certificate")
        }
        try policy.check(chain, at: time)
        let sequence = head?.sequence ?? 0
        let headHash = head?.hash ?? AuditEvent.genesisHash
        let bytes = AuditCheckpoint.signedBytes(sequence: sequence, headHash: headHash, at: time, signer: leaf)
        let signature = try await signer.sign(bytes)
        return try AuditCheckpoint(
            sequence: sequence,
            headHash: headHash,
            at: time,
            certificateChain: chain,
            signature: signature
        )
    }

    /// Signs a checkpoint of the store's trail as it ends now.
    ///
    /// - Throws: what the store throws reading its trail, or as ``sign(head:at:)``.
    public func checkpoint(of store: some RecordStore, at time: Date = Date()) async throws -> AuditCheckpoint {
        try await sign(head: Self.head(of: store, after: nil), at: time)
    }

    /// The last event of the store's trail, read from the events after `start` (the whole
    /// trail when `nil`); `start` itself when none follow it.
    static func head(of store: some RecordStore, after start: AuditEvent?) async throws -> AuditEvent? {
        var head = start
        while true {
            let page = try await store.auditEvents(after: head?.sequence ?? 0, limit: Self.pageSize)
            guard let last = page.last else { break }
            head = last
            if page.count < Self.pageSize { break }
        }
        return head
    }

    /// How many events a page of the trail holds.
    static let pageSize = 1000
}
