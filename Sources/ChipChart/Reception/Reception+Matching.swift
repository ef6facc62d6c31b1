import Foundation
import Logging

extension Reception {
    /// Finds the patient a reading names: by personal ID (active or superseded), else by the old
    /// CMND. A merged record resolves to its survivor.
    func findPatient(for reading: CardReading, access: Access) async throws -> (patient: Patient, match: CheckIn.Match)?
    {
        if let patient = try await store.patient(identifiedBy: .personalID(reading.personalID), for: access) {
            return (try await survivor(of: patient, access: access), .personalID)
        }
        if let legacy = reading.legacyID,
            let patient = try await store.patient(identifiedBy: .legacyID(legacy), for: access)
        {
            return (try await survivor(of: patient, access: access), .legacyID)
        }
        return nil
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

    /// The visit already open for this patient at this facility within the repeat-scan window.
    func repeatScan(of patient: Patient, at instant: Date, access: Access) async throws -> CheckIn? {
        let windowStart = instant.addingTimeInterval(-configuration.repeatScanWindow)
        let visits = try await store.visits(ofPatient: patient.id, for: access)
        guard
            let open = visits.last(where: {
                $0.status == .open && $0.facility == configuration.facility && $0.admittedAt >= windowStart
                    && $0.admittedAt <= instant
            })
        else { return nil }
        let applied = open.appliedCoverages.last
        return CheckIn(
            patient: patient,
            visit: open,
            match: .personalID,
            coverageOutcome: nil,
            coverage: nil,
            coverageUnverified: open.appliedCoverages.contains { $0.unverified },
            benefitSharePercent: applied?.cardCode.level.fundSharePercent,
            warnings: [],
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
                nationality: "VNM",
                ethnicity: reading.chipExtras?.ethnicity
            )
        )
        patient.identifiers.append(.personalID(reading.personalID, since: reading.issueDate))
        if let legacy = reading.legacyID { patient.identifiers.append(.legacyID(legacy)) }
        if reading.source != .manual { patient.recordCard(IDCardRecord(reading)) }
        return patient
    }

    /// Brings a stored patient in line with the card: the card is authoritative for name, birth
    /// date and sex; a new number supersedes the old; a renewed card is a new card record.
    func reconcile(
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
        let key = PatientIdentifier.Key.personalID(reading.personalID)
        if !patient.holds(key) {
            patient.adoptPersonalID(reading.personalID, on: day)
        }
        if let legacy = reading.legacyID { patient.addIdentifier(.legacyID(legacy)) }
        if reading.source != .manual { patient.recordCard(IDCardRecord(reading)) }

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

    /// Gives the patient the social insurance number the insurer confirmed, unless another record
    /// already holds it (then the desk is warned of a likely duplicate instead).
    func link(
        _ number: SocialInsuranceNumber,
        to patient: inout Patient,
        isNew: Bool,
        access: Access,
        warnings: inout [CheckInWarning]
    ) async throws {
        let key = PatientIdentifier.Key.socialInsuranceNumber(number)
        guard !patient.holds(key) else { return }
        if let holder = try await store.patient(identifiedBy: key, for: access), holder.id != patient.id {
            warnings.append(
                CheckInWarning(
                    .identityDiffers,
                    "Another record holds this insurance number: the two records may be one person (merge them)."
                )
            )
            return
        }
        patient.addIdentifier(.socialInsuranceNumber(number))
    }
}
