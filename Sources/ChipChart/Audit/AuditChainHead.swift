/// The last event of one chain of an audit trail: its sequence number and hash.
///
/// A trail kept as one chain has one head; a trail kept as several chains (PostgreSQL, where each
/// writing transaction appends to a chain of its own) has one per chain, and its checkpoints list
/// them all. A chain with no event yet has the head `(0, AuditEvent.genesisHash)`.
public struct AuditChainHead: Hashable, Sendable, Codable, Comparable {
    /// The sequence number of the chain's last event (0 for a chain with none).
    public var sequence: Int64
    /// The hash of the chain's last event (``AuditEvent/genesisHash`` for a chain with none).
    public var hash: String

    /// A head.
    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// The head that `event` is.
    public init(_ event: AuditEvent) {
        self.init(sequence: event.sequence, hash: event.hash)
    }

    /// Heads in sequence order.
    public static func < (lhs: AuditChainHead, rhs: AuditChainHead) -> Bool {
        (lhs.sequence, lhs.hash) < (rhs.sequence, rhs.hash)
    }

    /// The ``AuditEvent/detail`` of a checkpoint event listing `heads`: each as
    /// `sequence:hash`, in sequence order, separated by single spaces (empty for no head).
    public static func checkpointDetail(_ heads: some Sequence<AuditChainHead>) -> String {
        heads.sorted().map { "\($0.sequence):\($0.hash)" }.joined(separator: " ")
    }

    /// The heads a checkpoint's detail lists, or `nil` when it is not in the form
    /// ``checkpointDetail(_:)`` writes.
    public static func heads(inCheckpointDetail detail: String?) -> [AuditChainHead]? {
        guard let detail else { return nil }
        guard !detail.isEmpty else { return [] }
        var heads: [AuditChainHead] = []
        for item in detail.split(separator: " ", omittingEmptySubsequences: false) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let sequence = Int64(parts[0]), sequence >= 0, !parts[1].isEmpty else {
                return nil
            }
            heads.append(AuditChainHead(sequence: sequence, hash: String(parts[1])))
        }
        return heads
    }
}
