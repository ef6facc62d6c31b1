package import Foundation

// An audit event read field by field (``Patient/Partial``).

extension AuditEvent {
    /// An audit event read field by field, hashes included.
    package struct Partial {
        package var sequence: Int64?
        package var at: Date?
        package var staff: Staff?
        package var action: Action?
        package var recordKind: RecordKind?
        package var recordID: UUID?
        package var patientID: PatientID?
        package var purpose: String?
        package var detail: String?
        package var previousHash: String?
        package var hash: String?

        package init() {}

        /// The event as stored, or the first required field not read.
        package func built() throws(MissingField) -> AuditEvent {
            AuditEvent(
                sequence: try required(sequence, "sequence"),
                at: try required(at, "at"),
                staff: try required(staff, "staff"),
                action: try required(action, "action"),
                recordKind: recordKind,
                recordID: recordID,
                patientID: patientID,
                purpose: try required(purpose, "purpose"),
                detail: detail,
                previousHash: try required(previousHash, "previousHash"),
                hash: try required(hash, "hash")
            )
        }
    }
}
