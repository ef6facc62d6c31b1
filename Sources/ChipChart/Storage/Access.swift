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

    /// An access by a staff member for a purpose.
    public init(by staff: Staff, purpose: String) {
        self.staff = staff
        self.purpose = purpose
    }
}
