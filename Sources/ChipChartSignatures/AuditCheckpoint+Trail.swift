public import ChipChart

extension AuditCheckpoint {
    /// Verifies the store's trail: every link, and that the events up to the checkpoint's
    /// sequence end in the checkpoint's hash.
    ///
    /// An event edited and every hash after it recomputed, events reordered and rehashed, or
    /// events cut off the end all leave a trail whose links hold but that no longer ends, at
    /// the checkpoint's sequence, in the hash the facility signed. Events after the checkpoint
    /// are checked link by link only (the next checkpoint covers them).
    ///
    /// - Returns: the verdict; its broken link names the first event that does not fit.
    /// - Throws: ``SignatureError`` when the checkpoint itself does not verify
    ///   (``verify(policy:at:)``); what the store throws reading its trail.
    public func verifyTrail(of store: some RecordStore, policy: CertificatePolicy) async throws -> AuditVerification {
        try verify(policy: policy)
        var whole = AuditChainVerifier()
        var covered = AuditChainVerifier()
        var last: Int64 = 0
        while true {
            let page = try await store.auditEvents(after: last, limit: AuditCheckpointer.pageSize)
            for event in page {
                whole.consume(event)
                if event.sequence <= sequence { covered.consume(event) }
            }
            guard let tail = page.last, page.count == AuditCheckpointer.pageSize else { break }
            last = tail.sequence
        }
        covered.finish(atHead: sequence, hash: headHash)
        var verdict = whole.result
        if let broken = covered.result.firstBrokenLink {
            verdict.firstBrokenLink = broken
            verdict.lastHash = nil
        }
        return verdict
    }
}
