import Foundation
import Logging

/// The result of checking an open visit's coverage again with the insurer: the visit as it
/// stands afterwards and the check that was made.
///
/// ``Reception/recheckCoverage(of:by:)`` makes one for an open stay; ``CoverageReverifier`` for the
/// visits opened while the insurer could not be asked.
public struct CoverageRecheck: Hashable, Sendable {
    /// The visit, as stored after the re-check.
    public var visit: Visit
    /// What the insurer said, and the coverages it changed.
    public var check: CoverageCheck
    /// True when the re-check wrote the visit or a coverage (a decisive answer that changed
    /// something); false when nothing was written.
    public var changed: Bool

    /// Creates a re-check result.
    public init(visit: Visit, check: CoverageCheck, changed: Bool) {
        self.visit = visit
        self.check = check
        self.changed = changed
    }
}

extension CoverageVerifier {
    /// Asks the insurer again about an open visit's card and commits what a decisive answer
    /// changes — the coverages, the visit's periods, and the social insurance number the patient's
    /// record lacks — as one change set, retried on fresh reads when another writer changed the
    /// same records meanwhile.
    ///
    /// The card asked about is the last one the visit carries, by its 15-character code (so a
    /// replacement is reported as 003/004); for a visit that carries none, the patient's card in
    /// force, else their personal ID or social insurance number.
    ///
    /// - Parameters:
    ///   - visitID: the visit.
    ///   - store: where the visit, the patient and the coverages are read and written.
    ///   - staff: who asks (named in the query and the audit trail).
    ///   - purpose: the audit purpose.
    ///   - instant: the moment of the check.
    ///   - conflictRetries: how often a version conflict is retried.
    ///   - needed: whether the visit, as read, is to be re-checked at all.
    /// - Returns: the re-check; `nil` when the visit is missing, closed, not `needed`, or its
    ///   patient has no number the insurer knows.
    func recheck(
        _ visitID: VisitID,
        in store: any RecordStore,
        by staff: Staff,
        purpose: String,
        at instant: Date,
        conflictRetries: Int,
        when needed: (Visit) -> Bool = { _ in true }
    ) async throws -> CoverageRecheck? {
        let access = Access(by: staff, purpose: purpose)
        var attempt = 0
        while true {
            guard var visit = try await store.visit(visitID, for: access), visit.status == .open, needed(visit),
                let patient = try await store.patient(visit.patientID, for: access)
            else {
                return nil
            }
            let coverages = try await store.coverages(ofPatient: patient.id, for: access)
            guard let number = Self.cardNumber(for: visit, of: patient, coverages: coverages, at: instant) else {
                return nil
            }
            let query = PortalQuery(
                cardNumber: number,
                fullName: patient.demographics.name,
                dateOfBirth: patient.demographics.dateOfBirth,
                staff: staff
            )
            let check = await self.check(query, coverages: coverages, patient: patient.id, at: instant)
            guard check.isDecisive else { return CoverageRecheck(visit: visit, check: check, changed: false) }
            var changes = ChangeSet(access)
            check.save(into: &changes)
            if visit.apply(check) { changes.save(visit) }
            if let linked = try await Self.linkingNumber(of: check, to: patient, in: store, for: access) {
                changes.save(linked)
            }
            if changes.isEmpty { return CoverageRecheck(visit: visit, check: check, changed: false) }
            do {
                let receipt = try await store.commit(changes)
                let stored = receipt.visits.first { $0.id == visit.id } ?? visit
                return CoverageRecheck(visit: stored, check: check, changed: true)
            } catch let error as StoreError where error.code == .versionConflict && attempt < conflictRetries {
                attempt += 1
                logger.debug("coverage re-check lost a race; retrying", metadata: ["attempt": "\(attempt)"])
            }
        }
    }

    /// The patient holding the social insurance number the insurer named, as a new version, when
    /// the record lacks it — a first-time patient checked in while the insurer could not be asked
    /// gains it on re-verification, not at the next check-in; `nil` when the record holds it
    /// already, or another record holds it (the next check-in warns the desk of that).
    static func linkingNumber(
        of check: CoverageCheck,
        to patient: Patient,
        in store: any RecordStore,
        for access: Access
    ) async throws -> Patient? {
        guard let number = check.answer?.card?.code.socialInsuranceNumber,
            !patient.holds(.socialInsuranceNumber(number))
        else { return nil }
        let holder = try await store.patient(identifiedBy: .socialInsuranceNumber(number), for: access)
        var linked = patient
        let presented = PatientMatching.Presented(
            personalID: patient.personalID,
            name: patient.demographics.name,
            dateOfBirth: patient.demographics.dateOfBirth
        )
        _ = CheckInDecision.link(number, to: &linked, holder: holder, presented: presented)
        return linked == patient ? nil : linked
    }

    /// The number to ask the insurer about for a visit.
    static func cardNumber(
        for visit: Visit,
        of patient: Patient,
        coverages: [Coverage],
        at instant: Date
    ) -> PortalQuery.CardNumber? {
        if let card = visit.appliedCoverages.last?.cardCode { return .cardCode(card) }
        if let number = CoverageTimeline(coverages).cardNumberToAsk(at: instant, personalID: patient.personalID) {
            return number
        }
        let held = patient.activeIdentifiers(of: .socialInsuranceNumber).first
        return held.flatMap { try? SocialInsuranceNumber($0.value) }.map { .socialInsuranceNumber($0) }
    }
}
