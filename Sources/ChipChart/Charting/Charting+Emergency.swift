import Foundation

extension Charting {
    /// The same charting service breaking the glass: every read and write states `reason` as an
    /// emergency (``Access/emergencyReason``).
    ///
    /// Where the access policy refuses the clinician but allows a stated emergency (the
    /// ``DefaultAccessPolicy`` does for physicians and nurses), the read or write goes through,
    /// audited as ``AuditEvent/Action/emergencyAccess`` naming the role, the action, the chart
    /// section and the reason, and flagged for review (``RecordStore/eventsForReview(after:limit:)``).
    /// What the policy allows anyway is audited as usual. A role the policy lets break no glass
    /// is still refused (``AccessDenied``).
    ///
    /// <!-- snippet: context=Ward -->
    /// ```swift
    /// let charting = Charting(store: store, catalogue: catalogue)
    /// var visit = try await charting.diagnose(try Diagnosis(main: try ICD10Code("J06.9")), on: receipt.visit, by: doctor)
    /// visit = try await charting.order("02.1896", on: visit, by: doctor)
    /// visit = try await charting.inEmergency(reason: "doctor in theatre, ambulance waiting")
    ///     .discharge(try Discharge(outcome: .improved), on: visit, by: nurse)
    /// let flagged = try await store.eventsForReview()  // the nurse's discharge, with the reason
    /// ```
    ///
    /// - Throws: ``ValidationError`` naming `emergencyReason` when the reason is blank.
    public func inEmergency(reason: String) throws(ValidationError) -> Charting {
        let stated = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !stated.isEmpty else {
            throw ValidationError.missing("emergencyReason", "breaking the glass needs the emergency stated")
        }
        var copy = self
        copy.emergencyReason = stated
        return copy
    }
}
