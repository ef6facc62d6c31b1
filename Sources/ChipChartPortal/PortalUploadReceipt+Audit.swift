public import ChipChart
import Foundation

extension AuditEvent.Action {
    /// The insurer's portal answered the upload of a visit's file; the event's detail is the
    /// receipt (``PortalUploadReceipt``), its record the visit.
    public static let portalUpload = AuditEvent.Action("portalUpload")
}

/// A receipt as the store keeps it: an audit event of its own — linked to the visit and its
/// patient, attributed to the staff member who sent the file, in the tamper-evident chain, and
/// never overwritten (a file sent again gets a new event).
///
/// Keeping receipts in the audit trail needs no schema of its own: every store already keeps
/// the trail, append-only, in the same transaction as any write, and backs it up and restores
/// it with the records.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let receipt = PortalUploadReceipt(
///     key: visit.key, kind: .claims130, sha256: "9f86d081", result: "200", outcome: .accepted,
///     transactionID: "GD-1", receivedAt: "20260302101500", message: "", answeredAt: Date())
/// try await store.keepUploadReceipt(receipt, for: visit, by: access)
/// let kept = try await store.uploadReceipts()
/// print(kept.last?.receipt.transactionID ?? "", kept.last?.visitID == visit.id)   // GD-1 true
/// ```
public struct StoredUploadReceipt: Hashable, Sendable {
    /// The receipt.
    public let receipt: PortalUploadReceipt
    /// The audit event that holds it.
    public let event: AuditEvent

    /// The receipt of an audit event; `nil` when the event is not a readable receipt.
    public init?(_ event: AuditEvent) {
        guard event.action == .portalUpload, let detail = event.detail,
            let receipt = try? Self.decoder.decode(PortalUploadReceipt.self, from: Data(detail.utf8))
        else { return nil }
        self.receipt = receipt
        self.event = event
    }

    /// The visit the file was about.
    public var visitID: VisitID? { event.recordID.map { VisitID($0) } }

    /// Who sent the file.
    public var staff: Staff { event.staff }

    /// The longest portal message kept.
    static let messageLimit = 500

    /// The note that writes `receipt` for `visit`: the receipt as sorted JSON in the detail.
    static func note(_ receipt: PortalUploadReceipt, for visit: Visit) -> AuditNote {
        var kept = receipt
        kept.message = String(receipt.message.prefix(messageLimit))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let detail = (try? encoder.encode(kept)).map { String(decoding: $0, as: UTF8.self) }
        return AuditNote(
            .portalUpload,
            recordKind: .visit,
            recordID: visit.id.uuid,
            patientID: visit.patientID,
            detail: detail
        )
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}

extension RecordStore {
    /// Keeps a receipt: one audit event, by the staff member of `access`, linked to the visit.
    ///
    /// - Returns: the receipt as stored.
    /// - Throws: ``ChipChart/StoreError`` when it cannot be written.
    @discardableResult
    public func keepUploadReceipt(
        _ receipt: PortalUploadReceipt,
        for visit: Visit,
        by access: Access
    ) async throws -> StoredUploadReceipt? {
        var changes = ChangeSet(access)
        changes.note(StoredUploadReceipt.note(receipt, for: visit))
        let written = try await commit(changes)
        return written.auditEvents.last { $0.action == .portalUpload }.flatMap(StoredUploadReceipt.init)
    }

    /// Every receipt kept with a sequence number greater than `sequence`, oldest first.
    public func uploadReceipts(after sequence: Int64 = 0) async throws -> [StoredUploadReceipt] {
        var receipts: [StoredUploadReceipt] = []
        var last = sequence
        while true {
            let page = try await auditEvents(after: last, limit: 1000)
            receipts += page.compactMap(StoredUploadReceipt.init)
            guard let tail = page.last, page.count == 1000 else { break }
            last = tail.sequence
        }
        return receipts
    }
}
