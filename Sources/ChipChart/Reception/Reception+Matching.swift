import Foundation
import Logging

extension Reception {
    /// Finds the patient a reading names under the matching rules (``PatientMatching``): by
    /// personal ID (active or superseded), else by a cancelled personal ID the card lists
    /// (``CardReading/cancelledIDs``), else — for a document without a personal ID — by its
    /// passport or document number, else by the old CMND when that record is the same
    /// person. A merged record resolves to its survivor; a CMND record judged another person is
    /// passed over with a ``CheckInWarning/Code/possibleDuplicate`` warning.
    func findPatient(
        for reading: CardReading,
        access: Access,
        warnings: inout [CheckInWarning]
    ) async throws -> (patient: Patient, match: CheckInReceipt.Match)? {
        if let id = reading.personalID,
            let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
        {
            return (try await survivor(of: patient, access: access), .personalID)
        }
        // A cancelled number was never anyone else's: its holder is the person.
        for cancelled in reading.cancelledIDs {
            if let holder = try await store.patient(identifiedBy: .personalID(cancelled), for: access) {
                return (try await survivor(of: holder, access: access), .personalID)
            }
        }
        // A document without a personal ID is found by its number, as a typed passport is.
        if reading.personalID == nil, let passport = reading.passportNumber,
            let holder = try await store.patient(identifiedBy: .passport(passport), for: access)
        {
            return (try await survivor(of: holder, access: access), .passport)
        }
        if let legacy = reading.legacyID,
            let holder = try await store.patient(identifiedBy: .legacyID(legacy), for: access)
        {
            let patient = try await survivor(of: holder, access: access)
            if PatientMatching.judge(patient, foundBy: .legacyID, presented: reading.presented) == .samePerson {
                return (patient, .legacyID)
            }
            warnings.append(.possibleDuplicate(foundBy: .legacyID))
        }
        return nil
    }

    /// Finds the patient presented: by a card reading (``findPatient(for:access:warnings:)``),
    /// by a typed personal ID, or as the holder of a typed insurance number when the matching
    /// rules say it is the person.
    func findPatient(
        for presentation: CheckInDecision.Presentation,
        access: Access,
        warnings: inout [CheckInWarning]
    ) async throws -> CheckInDecision.Found? {
        switch presentation {
        case .card(let reading, _):
            return try await findPatient(for: reading, access: access, warnings: &warnings)
                .map { CheckInDecision.Found(patient: $0.patient, match: $0.match) }
        case .insurance(.personalID(let id), _, _, _):
            guard let known = try await store.patient(identifiedBy: .personalID(id), for: access) else { return nil }
            return CheckInDecision.Found(patient: try await survivor(of: known, access: access), match: .personalID)
        case .insurance:
            guard let number = presentation.typedNumber,
                let holder = try await patient(
                    holding: number,
                    presented: presentation.presented,
                    access: access,
                    warnings: &warnings
                )
            else { return nil }
            return CheckInDecision.Found(patient: holder, match: .socialInsuranceNumber)
        }
    }

    /// The holder of a social insurance number, when the matching rules say it is the person
    /// presented; a holder judged another person adds a warning and is passed over.
    func patient(
        holding number: SocialInsuranceNumber,
        presented: PatientMatching.Presented,
        access: Access,
        warnings: inout [CheckInWarning]
    ) async throws -> Patient? {
        guard let holder = try await store.patient(identifiedBy: .socialInsuranceNumber(number), for: access) else {
            return nil
        }
        let patient = try await survivor(of: holder, access: access)
        if PatientMatching.judge(patient, foundBy: .socialInsuranceNumber, presented: presented) == .samePerson {
            return patient
        }
        warnings.append(.possibleDuplicate(foundBy: .socialInsuranceNumber))
        return nil
    }

    /// Whether records may be this person but hold no personal ID to tell — registered before the
    /// chip card under a name and birth date that agree with the card — for a new registration
    /// whose card carried no number that finds them: the desk is warned, nothing is merged (two
    /// people can share a name and a birthday).
    func hasUnconfirmedNamesakes(_ presented: PatientMatching.Presented, access: Access) async throws -> Bool {
        let candidates = try await store.patients(
            namePrefix: presented.name.searchKey,
            bornIn: presented.dateOfBirth.year,
            limit: 20,
            for: access
        )
        return candidates.contains {
            $0.mergedInto == nil && $0.personalID == nil && $0.demographics.name.matches(presented.name)
                && $0.demographics.dateOfBirth.isCompatible(with: presented.dateOfBirth)
        }
    }

    /// The record a merged patient was merged into (following a chain of merges), or the patient.
    func survivor(of patient: Patient, access: Access) async throws -> Patient {
        var current = patient
        var hops = 0
        while let next = current.mergedInto, hops < 8,
            let survivor = try await store.patient(next, for: access)
        {
            current = survivor
            hops += 1
        }
        return current
    }

    /// The found patient's visit still open in the slot a new visit of `kind` would take.
    func openVisit(
        of found: CheckInDecision.Found,
        kind: VisitKind,
        at instant: Date,
        access: Access
    ) async throws -> CheckInReceipt? {
        try await openVisit(of: found.patient, kind: kind, at: instant, match: found.match, access: access)
    }

    /// The patient's visit still open in the slot a new visit of `kind` would take
    /// (``Visit/openSlot``), returned instead of opening a second: the store refuses two. A visit
    /// opened within the repeat-scan window is a repeat scan; an older one comes with a warning.
    func openVisit(
        of patient: Patient,
        kind: VisitKind,
        at instant: Date,
        match: CheckInReceipt.Match,
        access: Access
    ) async throws -> CheckInReceipt? {
        let slot = Visit.openSlot(facility: configuration.facility, kind: kind, admittedAt: instant)
        let visits = try await store.visits(ofPatient: patient.id, for: access)
        guard let open = visits.last(where: { $0.openSlot == slot }) else { return nil }
        var warnings: [CheckInWarning] = []
        if open.admittedAt < instant.addingTimeInterval(-configuration.repeatScanWindow.timeInterval) {
            let parts = VietnamTime.components(of: open.admittedAt)
            let time = CalendarDate.pad(parts.hour) + ":" + CalendarDate.pad(parts.minute)
            warnings.append(
                CheckInWarning(
                    .visitStillOpen,
                    "A visit opened on \(parts.date.slashed) at \(time) is still open: this check-in continues it. "
                        + "Close it before opening another."
                )
            )
        }
        let applied = open.appliedCoverages.last
        return CheckInReceipt(
            patient: patient,
            visit: open,
            match: match,
            coverageOutcome: nil,
            coverage: nil,
            coverageUnverified: open.appliedCoverages.contains { $0.unverified },
            benefitSharePercent: applied?.cardCode.level.fundSharePercent,
            warnings: warnings,
            isRepeatScan: true
        )
    }

    /// A new patient record from a card reading.
    static func newPatient(from reading: CardReading, id: PatientID) -> Patient {
        var patient = Patient(
            id: id,
            demographics: Demographics(
                name: reading.name,
                dateOfBirth: reading.dateOfBirth,
                sex: reading.sex,
                address: reading.address,
                nationality: reading.nationality ?? "VNM",
                ethnicity: reading.chipExtras?.ethnicity
            )
        )
        if let id = reading.personalID { patient.identifiers.append(.personalID(id, since: reading.issueDate)) }
        recordDocument(reading, on: &patient)
        return patient
    }

    /// Brings a stored patient in line with the card: the card is authoritative for name, birth
    /// date and sex; a new number supersedes the old; a renewed card is a new card record.
    static func reconcile(
        _ patient: inout Patient,
        with reading: CardReading,
        on day: CalendarDate,
        warnings: inout [CheckInWarning]
    ) {
        let stored = patient.demographics
        if !stored.name.matches(reading.name) && !stored.dateOfBirth.isCompatible(with: reading.dateOfBirth) {
            warnings.append(
                CheckInWarning(
                    .identityDiffers,
                    "The card's name and birth date both differ from the record: check the person."
                )
            )
        }
        if let id = reading.personalID, !patient.holds(.personalID(id)) {
            patient.adoptPersonalID(id, on: day)
        }
        recordDocument(reading, on: &patient)

        var updated = stored
        // The MRZ writes names without diacritics: it confirms a name, it never replaces one.
        if reading.source == .mrz ? !stored.name.matches(reading.name) : stored.name != reading.name {
            updated.name = reading.name
        }
        if reading.source != .manual || stored.dateOfBirth.isCompatible(with: reading.dateOfBirth) {
            updated.dateOfBirth = reading.dateOfBirth
        }
        updated.sex = reading.sex
        if let address = reading.address, !address.isEmpty { updated.address = address }
        if let ethnicity = reading.chipExtras?.ethnicity { updated.ethnicity = ethnicity }
        if updated != stored {
            patient.demographics = updated
            if updated.name != stored.name || updated.dateOfBirth != stored.dateOfBirth || updated.sex != stored.sex {
                warnings.append(CheckInWarning(.demographicsUpdated, "The record was updated from the ID card."))
            }
        }
    }
}
