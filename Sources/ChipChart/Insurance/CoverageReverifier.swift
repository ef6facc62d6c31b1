public import Foundation

/// Re-verifies the coverage of visits opened while the insurer could not be asked, and applies
/// whatever changed (a confirmation, a replacement, an expiry, a revocation) to the open visit.
///
/// For each queued visit it reads the visit, the patient and their coverages, asks the portal
/// about the card the visit carries (by its 15-character code, so a replacement is reported as
/// 003/004) or, for a visit that waits for the insurer's first answer
/// (``Visit/awaitsCoverageVerification``), about the patient, and commits the changed coverages
/// with the updated visit in one change set — with the patient, as a new version, when the record
/// lacks the social insurance number the insurer names (a first-time patient checked in while
/// the insurer could not be asked), so that the number finds them before their next check-in.
/// A version conflict (a desk changed the same records meanwhile) is retried on fresh reads.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// var queue = ReverificationQueue()   // filled at check-in, or by catchUp(with:for:)
/// let reverifier = CoverageReverifier(store: store, verifier: verifier, staff: claimsOfficer)
/// let results = await reverifier.run(&queue, at: clock.now)
/// ```
public struct CoverageReverifier: Sendable {
    /// What happened to one queued visit.
    public enum Result: Hashable, Sendable {
        /// The insurer answered about the card; the visit was updated (or needed no change) and
        /// left the queue.
        case resolved(VisitID, CoverageOutcome)
        /// The insurer still could not be asked; the visit stays queued.
        case stillPending(VisitID, CoverageOutcome)
        /// The insurer answered with a problem a person must sort out (wrong name, no card …);
        /// the visit keeps its unverified coverage and stays queued.
        case needsAttention(VisitID, CoverageOutcome)
        /// The visit is closed, gone, or no longer carries an unverified coverage.
        case notNeeded(VisitID)
    }

    /// Where visits and coverages are read and written.
    public var store: any RecordStore
    /// Asks the portal within a bounded time.
    public var verifier: CoverageVerifier
    /// The staff member the lookups are made for (the portal requires a registered person).
    public var staff: Staff
    /// How often a version conflict is retried on fresh reads.
    public var conflictRetries: Int

    /// A re-verifier.
    public init(store: any RecordStore, verifier: CoverageVerifier, staff: Staff, conflictRetries: Int = 3) {
        self.store = store
        self.verifier = verifier
        self.staff = staff
        self.conflictRetries = conflictRetries
    }

    /// Re-verifies every entry of a queue, removing those resolved or no longer needed.
    ///
    /// - Returns: one result per entry, in queue order. Store failures leave the entry queued
    ///   and are reported as `stillPending` with a `portalUnavailable` outcome naming the store.
    public func run(_ queue: inout ReverificationQueue, at instant: Date) async -> [Result] {
        var results: [Result] = []
        for entry in queue.entries {
            let result: Result
            do {
                result = try await reverify(entry.visitID, of: entry.patientID, at: instant)
            } catch {
                result = .stillPending(entry.visitID, .portalUnavailable(reason: "the store failed"))
            }
            switch result {
            case .resolved, .notNeeded:
                queue.remove(entry.visitID)
            case .stillPending(_, let outcome), .needsAttention(_, let outcome):
                var updated = entry
                updated.attempts += 1
                updated.lastResult = outcome.resultCode
                queue.update(updated)
            }
            results.append(result)
        }
        return results
    }

    /// Re-verifies one visit.
    ///
    /// A visit that carries an unverified card is asked about by that card; a visit that waits
    /// for the insurer's first answer (``Visit/awaitsCoverageVerification``) by the patient's card
    /// in force, else their personal ID or social insurance number, and the coverage found is
    /// linked to it as a new version of the visit.
    ///
    /// - Throws: ``StoreError`` when the store fails, or when version conflicts outlast
    ///   ``conflictRetries``.
    public func reverify(_ visitID: VisitID, of patientID: PatientID, at instant: Date) async throws -> Result {
        let recheck = try await verifier.recheck(
            visitID,
            in: store,
            by: staff,
            purpose: "insurance re-verification",
            at: instant,
            conflictRetries: conflictRetries,
            when: { $0.needsCoverageReverification && $0.patientID == patientID }
        )
        guard let check = recheck?.check else { return .notNeeded(visitID) }
        if check.needsReverification { return .stillPending(visitID, check.outcome) }
        guard check.isDecisive else { return .needsAttention(visitID, check.outcome) }
        return .resolved(visitID, check.outcome)
    }
}
