import Foundation
import Logging

/// What is known of an emergency patient who cannot be identified yet.
public struct UnidentifiedPatient: Hashable, Sendable {
    /// The sex, if it can be told.
    public var sex: Sex
    /// The estimated birth year.
    public var estimatedBirthYear: Int
    /// A description for staff (where found, clothing); never shown to the insurer.
    public var note: String?

    /// Creates a description of an unidentified patient.
    public init(sex: Sex = .undetermined, estimatedBirthYear: Int, note: String? = nil) {
        self.sex = sex
        self.estimatedBirthYear = estimatedBirthYear
        self.note = note
    }
}

/// The outcome of identifying a patient registered under a temporary identifier.
public struct Identification: Hashable, Sendable {
    /// The record that now stands for the person.
    public var patient: Patient
    /// When the person was already registered, the merge of the temporary record into theirs
    /// (keep it to undo the merge).
    public var merge: PatientMerge?
}

extension Reception {
    /// Registers an emergency patient who cannot be identified, under a temporary identifier,
    /// and opens an emergency visit (route 2). No insurance check is made.
    public func registerUnidentified(
        _ description: UnidentifiedPatient,
        for request: VisitRequest,
        by staff: Staff
    )
        async throws -> CheckInReceipt
    {
        let instant = now()
        try DateOfBirth.year(description.estimatedBirthYear).checkNotAfter(CalendarDate(containing: instant))
        let temporary = try PatientIdentifier(
            kind: .temporary,
            value: Self.visitKey(facility: configuration.facility, at: instant)
        )
        let patient = Patient(
            identifiers: [temporary],
            demographics: Demographics(
                name: try PersonName("Chưa xác định"),
                dateOfBirth: .year(description.estimatedBirthYear),
                sex: description.sex,
                nationality: nil
            )
        )
        var emergency = request
        emergency.route = .emergency
        return try await openVisit(
            for: patient,
            storedAs: nil,
            match: .registered,
            check: nil,
            request: emergency,
            at: instant,
            access: Access(by: staff, purpose: "emergency registration"),
            warnings: []
        )
    }

    /// Identifies a patient registered under a temporary identifier, from their card.
    ///
    /// When the card's person is already registered, the temporary record is merged into theirs
    /// (its visits follow); otherwise the temporary record becomes theirs, and its temporary
    /// identifier is superseded.
    ///
    /// - Throws: ``StoreError`` (`missingRecord`) when there is no such temporary record.
    public func identify(
        _ temporary: PatientID,
        as reading: CardReading,
        by staff: Staff
    ) async throws -> Identification {
        let access = Access(by: staff, purpose: "identification")
        return try await retryingRaces(validating: reading) {
            guard var patient = try await store.patient(temporary, for: access) else {
                throw StoreError(.missingRecord, "no patient with this id", recordKind: .patient)
            }
            var ignored: [CheckInWarning] = []
            if let (known, _) = try await findPatient(for: reading, access: access, warnings: &ignored),
                known.id != patient.id
            {
                let merge = try await merge(patient.id, into: known.id, by: staff)
                let survivor = try await store.patient(known.id, for: access) ?? known
                return Identification(patient: survivor, merge: merge)
            }
            var warnings: [CheckInWarning] = []
            let stored = patient
            patient.identifiers = patient.identifiers.map {
                var identifier = $0
                if identifier.kind == .temporary { identifier.status = .superseded }
                return identifier
            }
            Self.reconcile(&patient, with: reading, on: CalendarDate(containing: now()), warnings: &warnings)
            patient.demographics.name = reading.name
            patient.demographics.dateOfBirth = reading.dateOfBirth
            var changes = ChangeSet(access)
            if patient != stored { changes.save(patient) }
            let receipt = try await store.commit(changes)
            return Identification(patient: receipt.patients.first ?? patient, merge: nil)
        }
    }
}
