public import Foundation

/// Re-verifies the coverage of visits opened while the insurer could not be asked, and applies
/// whatever changed (a confirmation, a replacement, an expiry, a revocation) to the open visit.
///
/// For each queued visit it reads the visit, the patient and their coverages, asks the portal
/// about the card the visit carries (by its 15-character code, so a replacement is reported as
/// 003/004), and commits the changed coverages with the updated visit in one change set. A
/// version conflict (a desk changed the same records meanwhile) is retried on fresh reads.
///
/// ```swift
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
    /// - Throws: ``StoreError`` when the store fails, or when version conflicts outlast
    ///   ``conflictRetries``.
    public func reverify(_ visitID: VisitID, of patientID: PatientID, at instant: Date) async throws -> Result {
        let access = Access(by: staff, purpose: "insurance re-verification")
        var attempt = 0
        while true {
            guard var visit = try await store.visit(visitID, for: access), visit.needsCoverageReverification,
                let patient = try await store.patient(patientID, for: access),
                let applied = visit.appliedCoverages.last(where: { $0.unverified })
            else {
                return .notNeeded(visitID)
            }
            let coverages = try await store.coverages(ofPatient: patientID, for: access)
            let query = PortalQuery(
                cardNumber: .cardCode(applied.cardCode),
                fullName: patient.demographics.name,
                dateOfBirth: patient.demographics.dateOfBirth,
                staff: staff
            )
            let check = await verifier.check(query, coverages: coverages, patient: patientID, at: instant)
            if check.needsReverification { return .stillPending(visitID, check.outcome) }
            guard check.isDecisive else { return .needsAttention(visitID, check.outcome) }
            var changes = ChangeSet(access)
            check.save(into: &changes)
            if visit.apply(check) { changes.save(visit) }
            do {
                if !changes.isEmpty { try await store.commit(changes) }
                return .resolved(visitID, check.outcome)
            } catch let error as StoreError where error.code == .versionConflict && attempt < conflictRetries {
                attempt += 1
            }
        }
    }
}
