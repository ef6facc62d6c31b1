import Foundation

extension Reception {
    /// Checks in the holder of a passport or a foreign identity card that carries no personal
    /// ID: found by its document number (``CardReading/passportNumber``), else registered from
    /// the reading; no insurance check is made.
    ///
    /// - Throws: ``ValidationError`` `documentNumber` when the number cannot identify the holder;
    ///   ``StoreError`` from the store.
    func checkIn(
        travelDocument reading: CardReading,
        for request: VisitRequest,
        by staff: Staff
    ) async throws
        -> CheckInReceipt
    {
        guard let passport = reading.passportNumber else {
            throw ValidationError.missing(
                "documentNumber",
                "a document without a personal ID needs a document number of 5–20 letters and digits"
            )
        }
        return try await checkIn(passport: passport, for: request, by: staff) {
            Reception.newPatient(from: reading, id: PatientID())
        }
    }

    /// Finds the patient holding a passport number (their visit still open in the slot is
    /// returned as is), else registers the patient `register` makes; no insurance check is made.
    func checkIn(
        passport: PassportNumber,
        for request: VisitRequest,
        by staff: Staff,
        register: () -> Patient
    ) async throws -> CheckInReceipt {
        try await retryingRaces {
            let access = Access(by: staff, purpose: "check-in")
            let instant = now()
            let found = try await store.patient(identifiedBy: .passport(passport), for: access)
            if let found {
                let patient = try await survivor(of: found, access: access)
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
            return try await openVisit(
                for: register(),
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
