import Foundation

/// Who is reading or writing patient data, and why: attached to every store operation and
/// written into the audit trail.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let access = Access(by: receptionist, purpose: "check-in")
/// let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
/// ```
public struct Access: Hashable, Sendable {
    /// The person acting.
    public var staff: Staff
    /// Why, in a few words (`check-in`, `claims export`).
    public var purpose: String
    /// The emergency stated to break the glass (`unconscious patient, no consent possible`), or
    /// `nil`: a clinician then may do what the policy would otherwise refuse, audited and flagged
    /// for review (``DefaultAccessPolicy``).
    public var emergencyReason: String?

    /// An access by a staff member for a purpose, stating an emergency when `emergencyReason` is
    /// given (an empty reason states none).
    public init(by staff: Staff, purpose: String, emergencyReason: String? = nil) {
        self.staff = staff
        self.purpose = purpose
        self.emergencyReason = emergencyReason.flatMap { $0.isEmpty ? nil : $0 }
    }
}
