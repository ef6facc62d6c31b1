import Foundation
import Logging

extension Reception {
    /// Checks a patient in from a typed identifier, for a patient without an ID card.
    ///
    /// - A personal ID goes through the same flow as a card reading (the typed name and birth
    ///   date, or the stored ones, stand in for the card's).
    /// - An insurance number finds the patient by their social insurance number, or registers
    ///   them from the insurer's answer.
    /// - A passport finds or registers a foreigner; no insurance check is made.
    ///
    /// - Throws: ``ValidationError`` naming `name` or `dateOfBirth` when a new patient's details
    ///   are missing, `dateOfBirth` when the birth date is after the desk's today;
    ///   ``StoreError`` from the store.
    public func checkIn(
        typed identification: TypedIdentification,
        for request: VisitRequest,
        by staff: Staff
    )
        async throws -> CheckInReceipt
    {
        switch identification {
        case .personalID(let id, let name, let dateOfBirth):
            let access = Access(by: staff, purpose: "check-in")
            let stored = try await store.patient(identifiedBy: .personalID(id), for: access)
            guard let name = name ?? stored?.demographics.name else {
                throw ValidationError(field: "name", reason: .missing, message: "a new patient needs a name")
            }
            guard let dateOfBirth = dateOfBirth ?? stored?.demographics.dateOfBirth else {
                throw ValidationError(
                    field: "dateOfBirth",
                    reason: .missing,
                    message: "a new patient needs a date of birth"
                )
            }
            let reading = CardReading(
                source: .manual,
                personalID: id,
                name: name,
                dateOfBirth: dateOfBirth,
                sex: id.sex
            )
            return try await checkIn(reading, for: request, by: staff)
        case .insurance(let number, let name, let dateOfBirth, let sex):
            try dateOfBirth.checkNotAfter(CalendarDate(containing: now()))
            return try await retryingRaces {
                try await checkIn(
                    insurance: number,
                    name: name,
                    dateOfBirth: dateOfBirth,
                    sex: sex,
                    for: request,
                    by: staff
                )
            }
        case .passport(let passport, let name, let dateOfBirth, let sex, let nationality):
            try dateOfBirth.checkNotAfter(CalendarDate(containing: now()))
            return try await retryingRaces {
                let access = Access(by: staff, purpose: "check-in")
                let instant = now()
                if let known = try await store.patient(identifiedBy: .passport(passport), for: access) {
                    let patient = try await survivor(of: known, access: access)
                    if let open = try await openVisit(
                        of: patient,
                        kind: request.kind,
                        at: instant,
                        match: .passport,
                        access: access
                    ) {
                        return open
                    }
                    return try await openVisit(
                        for: patient,
                        storedAs: patient,
                        match: .passport,
                        check: nil,
                        request: request,
                        at: instant,
                        access: access,
                        warnings: []
                    )
                }
                let patient = Patient(
                    identifiers: [.passport(passport)],
                    demographics: Demographics(name: name, dateOfBirth: dateOfBirth, sex: sex, nationality: nationality)
                )
                return try await openVisit(
                    for: patient,
                    storedAs: nil,
                    match: .registered,
                    check: nil,
                    request: request,
                    at: instant,
                    access: access,
                    warnings: []
                )
            }
        }
    }

    private func checkIn(
        insurance number: PortalQuery.CardNumber,
        name: PersonName,
        dateOfBirth: DateOfBirth,
        sex: Sex,
        for request: VisitRequest,
        by staff: Staff
    ) async throws -> CheckInReceipt {
        let access = Access(by: staff, purpose: "check-in")
        let instant = now()
        var warnings: [CheckInWarning] = []
        let typedID: PersonalID? = if case .personalID(let id) = number { id } else { nil }
        let presented = PatientMatching.Presented(personalID: typedID, name: name, dateOfBirth: dateOfBirth)
        // The social insurance number on the card the desk typed: it finds the patient next time
        // even when the insurer cannot confirm it now.
        let typedNumber: SocialInsuranceNumber? =
            switch number {
            case .personalID: nil
            case .cardCode(let code): code.socialInsuranceNumber
            case .socialInsuranceNumber(let digits): digits
            }

        // 1. Find the patient by the typed number, under the matching rules.
        var existing: Patient?
        switch number {
        case .personalID(let id):
            if let known = try await store.patient(identifiedBy: .personalID(id), for: access) {
                existing = try await survivor(of: known, access: access)
            }
        case .cardCode, .socialInsuranceNumber:
            if let typedNumber {
                existing = try await patient(
                    holding: typedNumber,
                    presented: presented,
                    access: access,
                    warnings: &warnings
                )
            }
        }
        if let existing,
            let open = try await openVisit(
                of: existing,
                kind: request.kind,
                at: instant,
                match: typedID == nil ? .socialInsuranceNumber : .personalID,
                access: access
            )
        {
            return open
        }

        // 2. Ask the insurer.
        let query = PortalQuery(cardNumber: number, fullName: name, dateOfBirth: dateOfBirth, staff: staff)
        var coverages: [Coverage] = []
        if let existing { coverages = try await store.coverages(ofPatient: existing.id, for: access) }
        var patient =
            existing
            ?? Patient(demographics: Demographics(name: name, dateOfBirth: dateOfBirth, sex: sex))
        let check = await verifier.check(query, coverages: coverages, patient: patient.id, at: instant)

        // 3. Decide the identifiers, then commit once.
        let confirmed = check.coverage?.socialInsuranceNumber ?? check.answer?.card?.code.socialInsuranceNumber
        if let linked = confirmed ?? typedNumber, !patient.holds(.socialInsuranceNumber(linked)) {
            let holder = try await store.patient(identifiedBy: .socialInsuranceNumber(linked), for: access)
            if let holder, holder.id != patient.id, patient.version == 0,
                holder.activeIdentifiers(of: .socialInsuranceNumber).contains(where: { $0.value == linked.digits }),
                PatientMatching.judge(holder, foundBy: .socialInsuranceNumber, presented: presented) == .samePerson
            {
                // Another desk registered this person a moment ago: retried, the check-in finds them.
                throw StoreError(
                    .duplicateIdentifier,
                    "another desk registered this person meanwhile",
                    recordKind: .patient,
                    identifier: .socialInsuranceNumber(linked)
                )
            }
            warnings += CheckInDecision.link(linked, to: &patient, holder: holder, presented: presented)
        }
        if let typedID { patient.addIdentifier(PatientIdentifier.personalID(typedID)) }
        return try await openVisit(
            for: patient,
            storedAs: existing,
            match: existing == nil ? .registered : .socialInsuranceNumber,
            check: check,
            request: request,
            at: instant,
            access: access,
            warnings: warnings
                + Self.coverageWarnings(check, holderName: name, configuration: configuration, at: instant)
        )
    }
}
