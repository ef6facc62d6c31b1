public import Foundation

/// The result of checking a patient's insurance at one instant: what to tell the desk, which
/// coverage applies, and the coverage records to save.
///
/// A check is a value: it changes nothing by itself. The caller adds ``coveragesToSave`` to its
/// ``ChangeSet`` (``save(into:)``) with the visit and commits once. Each coverage keeps the
/// version it was read at, so when two desks link the same replacement at once the store accepts
/// one and rejects the other with ``StoreError/Code/versionConflict``; the loser reads again,
/// checks again and finds the link already made.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let check = await verifier.check(query, coverages: coverages, patient: patient.id, at: now)
/// var changes = ChangeSet(Access(by: staff, purpose: "check-in"))
/// check.save(into: &changes)
/// var visit = stay
/// visit.apply(check)
/// changes.save(visit)
/// try await store.commit(changes)
/// ```
public struct CoverageCheck: Hashable, Sendable {
    /// What the answer means, for the desk.
    public var outcome: CoverageOutcome
    /// When the check was made.
    public var checkedAt: Date
    /// The portal's answer; `nil` when the portal was not reached.
    public var answer: PortalAnswer?
    /// The patient's coverages after this check: the stored ones with ``coveragesToSave`` applied.
    public var timeline: CoverageTimeline
    /// The new and changed coverages, each carrying the version it was read at.
    public var coveragesToSave: [Coverage]
    /// The coverage that applies at ``checkedAt``; `nil` means self-pay.
    public var coverage: Coverage?
    /// The coverage this check found replaced by a new card, as closed and linked by it: after a
    /// 003 or 004, or a 000 that named a card not on record with the same social insurance
    /// number (the insurer asked by personal ID answers with the newest card). `nil` when the
    /// check learnt of no replacement.
    public var replacedCoverage: Coverage?

    /// Creates a check result.
    public init(
        outcome: CoverageOutcome,
        checkedAt: Date,
        answer: PortalAnswer?,
        timeline: CoverageTimeline,
        coveragesToSave: [Coverage],
        coverage: Coverage?,
        replacedCoverage: Coverage? = nil
    ) {
        self.outcome = outcome
        self.checkedAt = checkedAt
        self.answer = answer
        self.timeline = timeline
        self.coveragesToSave = coveragesToSave
        self.coverage = coverage
        self.replacedCoverage = replacedCoverage
    }

    /// True when ``coverage`` applies without the insurer's confirmation at this check (the
    /// portal was unreachable or could not answer): it must be re-verified later.
    public var isUnverified: Bool { coverage != nil && outcome.needsReverification }

    /// True when the check must be repeated later (see ``CoverageOutcome/needsReverification``).
    public var needsReverification: Bool { outcome.needsReverification }

    /// True when the insurer said something definite about the card (000, 003, 004, 010, 110,
    /// 120–124): the coverages of an open visit are recomputed from it.
    public var isDecisive: Bool { Self.decisive(outcome) }

    /// Adds ``coveragesToSave`` to a change set.
    public func save(into changes: inout ChangeSet) {
        for coverage in coveragesToSave { changes.save(coverage) }
    }

    /// The coverages a visit admitted at `admission` (and discharged at `discharge`, or still
    /// open) carries after this check, in order, with their periods.
    ///
    /// - A decisive answer: the periods of ``timeline``, confirmed.
    /// - No answer about the card (portal unreachable, facility or insurer error): the fallback
    ///   ``coverage`` from admission on, marked unverified.
    /// - A problem for the patient to sort out (wrong name, no card …): none (self-pay).
    public func appliedCoverages(
        admittedAt admission: Date,
        dischargedAt discharge: Date? = nil
    )
        -> [Visit.AppliedCoverage]
    {
        if isDecisive {
            return timeline.appliedCoverages(admittedAt: admission, dischargedAt: discharge, now: checkedAt).map {
                var period = $0
                period.unverified = false
                return period
            }
        }
        guard needsReverification, let coverage else { return [] }
        var period = Visit.AppliedCoverage(coverage, from: admission, until: discharge)
        period.unverified = true
        return [period]
    }
}

extension Visit {
    /// True while the visit is open and carries a coverage the insurer has not confirmed for it,
    /// or waits for the insurer's first answer (``awaitsCoverageVerification``): such a visit is
    /// what the re-verification queue holds.
    public var needsCoverageReverification: Bool {
        status == .open && (awaitsCoverageVerification || appliedCoverages.contains { $0.unverified })
    }

    /// Applies a coverage check to this visit's coverages.
    ///
    /// A decisive answer replaces them with the periods the answer gives (a replacement found on
    /// re-verification moves the open visit to the new card from the day it starts) and ends any
    /// wait for the insurer; a fallback fills them only when the visit has none yet, and a visit
    /// left with none (no verified card on record) waits for the insurer
    /// (``awaitsCoverageVerification``); any other answer leaves them as they are.
    ///
    /// - Returns: true when the visit's coverages or its wait changed.
    @discardableResult
    public mutating func apply(_ check: CoverageCheck) -> Bool {
        let before = (appliedCoverages, awaitsCoverageVerification)
        if check.isDecisive {
            appliedCoverages = check.appliedCoverages(admittedAt: admittedAt, dischargedAt: dischargedAt)
            awaitsCoverageVerification = false
        } else if check.needsReverification, appliedCoverages.isEmpty {
            appliedCoverages = check.appliedCoverages(admittedAt: admittedAt, dischargedAt: dischargedAt)
            awaitsCoverageVerification = appliedCoverages.isEmpty && status == .open
        }
        return before != (appliedCoverages, awaitsCoverageVerification)
    }
}
