extension AuditEvent.Action {
    /// The access policy refused a read or write (the detail names the role, action, resource
    /// and reason).
    public static let accessDenied = AuditEvent.Action("accessDenied")
    /// The access policy allowed a read or write only for a stated emergency (break-the-glass);
    /// flagged for review (``RecordStore/eventsForReview(after:limit:)``).
    public static let emergencyAccess = AuditEvent.Action("emergencyAccess")
}

extension RecordStore {
    /// The audit events flagged for a reviewer — each emergency (break-the-glass) access — with a
    /// sequence number greater than `sequence`, in order, at most `limit`.
    public func eventsForReview(after sequence: Int64 = 0, limit: Int = 100) async throws -> [AuditEvent] {
        var flagged: [AuditEvent] = []
        var last = sequence
        while flagged.count < limit {
            let page = try await auditEvents(after: last, limit: 1000)
            flagged += page.filter { $0.action == .emergencyAccess }.prefix(limit - flagged.count)
            guard let tail = page.last, page.count == 1000 else { break }
            last = tail.sequence
        }
        return flagged
    }
}
