import Foundation

/// What a check-in does — by card or by a typed insurance number — decided once from the facts
/// the desk gathered, without reading or writing anything.
///
/// ``Reception`` gathers the facts — the patient found by the numbers presented, the insurer's
/// response, the record holding the insurance number to link, the patient's stored
/// coverages — then builds one decision, and commits its ``changes(for:)`` as one change set.
/// The decision says which record the person is (the one found, or a new one), brings it in
/// line with what was presented, applies the insurer's response to that record's coverages,
/// links the insurance number, opens the visit with the coverage that applies, and lists the
/// warnings for the desk. Given the same facts it always decides the same.
struct CheckInDecision: Sendable {
    /// A stored record and how it was found.
    struct Found: Sendable {
        /// The record (the survivor of any merge).
        var patient: Patient
        /// How it was found.
        var match: CheckInReceipt.Match
    }

    /// What the desk gathered before deciding.
    struct Facts: Sendable {
        /// What the desk was shown: a card reading, or a typed insurance number.
        var presentation: Presentation
        /// The visit asked for.
        var request: VisitRequest
        /// The question the insurer was asked.
        var query: PortalQuery
        /// What the insurer said.
        var response: PortalResponse
        /// When the check-in happens.
        var instant: Date
        /// How the desk behaves.
        var configuration: Reception.Configuration
        /// The record that is the person, found by the card's numbers or by the insurance
        /// number the insurer named; `nil` for a person not registered yet.
        var found: Found?
        /// The found record's coverages as stored; empty for a new person.
        var coverages: [Coverage]
        /// The record, as stored, that holds the insurance number to link (the insurer's, else the
        /// one typed), when it is not the found one.
        var numberHolder: Patient?
        /// Warnings from finding the record (records judged another person, passed over).
        var findingWarnings: [CheckInWarning]
        /// For a new person: whether records without a personal ID share their name and birth date.
        var hasUnconfirmedNamesakes: Bool
        /// The id a new record gets.
        var newPatientID: PatientID
        /// The id of the visit to open.
        var visitID: VisitID
        /// The encounter key (`MA_LK`) of the visit to open.
        var visitKey: String
    }

    /// The record as it is to be stored.
    let patient: Patient
    /// The record as it was read; `nil` for a new person.
    let storedPatient: Patient?
    /// How the record was found.
    let match: CheckInReceipt.Match
    /// The insurer's response applied to the record's coverages.
    let check: CoverageCheck
    /// The visit to open, with the coverage that applies.
    let visit: Visit
    /// What the desk should notice, each once, in the order found.
    let warnings: [CheckInWarning]

    /// Decides a check-in from the facts.
    ///
    /// - Throws: ``ValidationError`` when the visit cannot be made (its key).
    init(_ facts: Facts) throws {
        let presentation = facts.presentation
        let today = CalendarDate(containing: facts.instant)
        var warnings = facts.findingWarnings

        // Which record: the one found, brought in line with the card, or a new one.
        var patient: Patient
        if let found = facts.found {
            patient = found.patient
            presentation.reconcile(&patient, on: today, warnings: &warnings)
        } else {
            patient = presentation.newPatient(id: facts.newPatientID)
            if facts.hasUnconfirmedNamesakes { warnings.append(.unconfirmedNamesake) }
        }

        // The insurer's response, applied once, to that record's coverages.
        let check = CoverageTimeline(facts.coverages).coverageCheck(
            facts.response,
            for: facts.query,
            patient: patient.id,
            at: facts.instant
        )

        // The insurance number the insurer named, else the one typed.
        if let number = presentation.numberToLink(facts.response) {
            warnings += Self.link(
                number,
                to: &patient,
                holder: facts.numberHolder,
                presented: presentation.presented
            )
        }

        var visit = try Visit(
            id: facts.visitID,
            key: facts.visitKey,
            patientID: patient.id,
            facility: facts.configuration.facility,
            kind: facts.request.kind,
            route: facts.request.route,
            admittedAt: facts.instant,
            reason: facts.request.reason
        )
        visit.apply(check)

        warnings += Reception.coverageWarnings(
            check,
            holderName: presentation.presented.name,
            idCardExpiry: presentation.idCardExpiry,
            configuration: facts.configuration,
            at: facts.instant
        )
        self.patient = patient
        self.storedPatient = facts.found?.patient
        self.match = facts.found?.match ?? .registered
        self.check = check
        self.visit = visit
        self.warnings = warnings.reduce(into: []) { unique, warning in
            if !unique.contains(warning) { unique.append(warning) }
        }
    }

    /// The writes: the record when it changed, the coverages the check changed, and the visit.
    func changes(for access: Access) -> ChangeSet {
        var changes = ChangeSet(access)
        if patient != storedPatient { changes.save(patient) }
        check.save(into: &changes)
        changes.save(visit)
        return changes
    }

    /// Gives the patient a social insurance number, unless another record holds it actively:
    /// then the number stays where it is and the desk is warned, that the two records may be one
    /// person (the holder agrees with the person presented) or that a record names someone else.
    ///
    /// - Returns: the warnings.
    static func link(
        _ number: SocialInsuranceNumber,
        to patient: inout Patient,
        holder: Patient?,
        presented: PatientMatching.Presented
    ) -> [CheckInWarning] {
        let key = PatientIdentifier.Key.socialInsuranceNumber(number)
        guard !patient.holds(key) else { return [] }
        if let holder, holder.id != patient.id,
            holder.activeIdentifiers(of: .socialInsuranceNumber).contains(where: { $0.value == number.digits })
        {
            let samePerson =
                PatientMatching.judge(holder, foundBy: .socialInsuranceNumber, presented: presented) == .samePerson
            return [samePerson ? .mayBeOnePerson : .possibleDuplicate(foundBy: .socialInsuranceNumber)]
        }
        patient.addIdentifier(.socialInsuranceNumber(number))
        return []
    }
}

extension CheckInWarning {
    /// Another record holds the insurance number and agrees with the person presented.
    static let mayBeOnePerson = CheckInWarning(
        .identityDiffers,
        "Another record holds this insurance number: the two records may be one person (merge them)."
    )

    /// Records without a personal ID share the new patient's name and birth date.
    static let unconfirmedNamesake = CheckInWarning(
        .possibleDuplicate,
        "A record with the same name and birth date but no personal ID exists (registered before the "
            + "chip card?): if it is this person, merge the records."
    )
}
