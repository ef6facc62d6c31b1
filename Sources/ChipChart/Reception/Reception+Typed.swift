import Foundation
import Logging

extension Reception {
    /// Checks a patient in from a typed identifier, for a patient without an ID card.
    ///
    /// - A personal ID goes through the same flow as a card reading (the typed name and birth
    ///   date, or the stored ones, stand in for the card's).
    /// - An insurance number goes through the same decision as a card reading
    ///   (``CheckInDecision``): it finds the patient by the typed personal ID or social insurance
    ///   number, else by the insurance number the insurer names, or registers them; the number
    ///   is linked even when the insurer cannot confirm it.
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
                throw ValidationError.missing("name", "a new patient needs a name")
            }
            guard let dateOfBirth = dateOfBirth ?? stored?.demographics.dateOfBirth else {
                throw ValidationError.missing("dateOfBirth", "a new patient needs a date of birth")
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
                try await attemptCheckIn(
                    .insurance(number, name: name, dateOfBirth: dateOfBirth, sex: sex),
                    for: request,
                    by: staff
                )
            }
        case .passport(let passport, let name, let dateOfBirth, let sex, let nationality):
            try dateOfBirth.checkNotAfter(CalendarDate(containing: now()))
            return try await checkIn(passport: passport, for: request, by: staff) {
                Patient(
                    identifiers: [.passport(passport)],
                    demographics: Demographics(name: name, dateOfBirth: dateOfBirth, sex: sex, nationality: nationality)
                )
            }
        }
    }
}
