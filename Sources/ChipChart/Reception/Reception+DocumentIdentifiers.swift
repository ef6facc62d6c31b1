extension Reception {
    /// Records what a document states besides the holder's personal ID: the old CMND and the
    /// cancelled personal IDs as superseded identifiers (``CardReading/previousIDs``), the number
    /// of a passport or foreign identity card, and the ID card itself (not for a typed reading).
    static func recordDocument(_ reading: CardReading, on patient: inout Patient) {
        if let legacy = reading.legacyID { patient.addIdentifier(.legacyID(legacy)) }
        for cancelled in reading.cancelledIDs {
            patient.addIdentifier(
                PatientIdentifier(trusted: .personalID, cancelled.digits, .unbounded, status: .superseded)
            )
        }
        if let passport = reading.passportNumber { patient.addIdentifier(.passport(passport)) }
        if reading.source != .manual, let card = IDCardRecord(reading) { patient.recordCard(card) }
    }
}
