import Foundation

extension Reception {
    /// Checks an open visit's coverage again with the insurer — typically an inpatient stay, on a
    /// day the card may have changed — and records what changed, as one audited change set.
    ///
    /// The insurer is asked about the last card the visit carries, by its 15-character code, so
    /// a replacement comes back as 003/004 with the new card; a visit that carries no card is
    /// asked about by the patient's card in force, else their personal ID or insurance number.
    /// A decisive answer (000, 003, 004, 010, 110, 120–124) updates the coverages and the
    /// visit's periods: a stay that spans a replacement carries both cards, each for its days. Any
    /// other answer writes nothing; the check says why. A race with another writer is retried
    /// on fresh reads, up to ``Configuration/maximumAttempts``.
    ///
    /// <!-- snippet: context=Clinic -->
    /// ```swift
    /// let recheck = try await reception.recheckCoverage(of: stay.id, by: nurse)
    /// print(recheck.check.outcome.summary)    // "A new insurance card has been issued; …"
    /// print(recheck.visit.appliedCoverages)   // the old card, then the new one from its first day
    /// ```
    ///
    /// - Parameters:
    ///   - visitID: the open visit.
    ///   - staff: who asks; named in the insurer's lookup and the audit trail.
    /// - Returns: the visit as stored afterwards and the check made.
    /// - Throws: ``StoreError`` (`missingRecord`) when there is no such open visit or its patient
    ///   has no number the insurer knows; ``StoreError`` when the store fails.
    public func recheckCoverage(of visitID: VisitID, by staff: Staff) async throws -> CoverageRecheck {
        let recheck = try await verifier.recheck(
            visitID,
            in: store,
            by: staff,
            purpose: "coverage re-check",
            at: now(),
            conflictRetries: max(0, configuration.maximumAttempts - 1)
        )
        guard let recheck else {
            throw StoreError(
                .missingRecord,
                "no open visit with this id, or its patient has no number the insurer knows",
                recordKind: .visit
            )
        }
        return recheck
    }
}
