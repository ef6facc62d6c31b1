import ChipChart
import Foundation

/// The records and their nested values, each read field by field into local values and built
/// once every field is read. A record returns whether it held fields this version does not know.
extension RecordReader {
    func patient(at offset: Int) throws -> (record: Patient, hasUnknownFields: Bool) {
        var patient = Patient.Partial()
        let hasUnknownFields = try forEachField(ofObjectAt: offset, PatientField.self, isRecord: true) { field, value in
            switch field {
            case .id: patient.id = try id(at: value)
            case .identifiers: patient.identifiers = try array(at: value, identifier)
            case .idCards: patient.idCards = try array(at: value, idCard)
            case .demographics: patient.demographics = try demographics(at: value)
            case .mergedInto: patient.mergedInto = try optional(at: value) { try id(at: $0) }
            case .version: patient.version = try int(at: value)
            }
        }
        return (try built(patient.built), hasUnknownFields)
    }

    func coverage(at offset: Int) throws -> (record: Coverage, hasUnknownFields: Bool) {
        var coverage = Coverage.Partial()
        let hasUnknownFields = try forEachField(ofObjectAt: offset, CoverageField.self, isRecord: true) {
            field,
            value in
            switch field {
            case .id: coverage.id = try id(at: value)
            case .patientID: coverage.patientID = try id(at: value)
            case .cardCode: coverage.cardCode = try text(InsuranceCardCode.self, at: value)
            case .registeredFacility:
                coverage.registeredFacility = try optional(at: value) { try text(FacilityCode.self, at: $0) }
            case .region: coverage.region = try optional(at: value) { try named(Region.self, at: $0) }
            case .validity: coverage.validity = try period(at: value)
            case .fiveYearDate: coverage.fiveYearDate = try optional(at: value, calendarDate)
            case .status: coverage.status = try named(Coverage.Status.self, at: value)
            case .replaces: coverage.replaces = try optional(at: value) { try id(at: $0) }
            case .replacedBy: coverage.replacedBy = try optional(at: value) { try id(at: $0) }
            case .verification: coverage.verification = try verification(at: value)
            case .version: coverage.version = try int(at: value)
            }
        }
        return (try built(coverage.built), hasUnknownFields)
    }

    // MARK: - Nested values

    /// The elements of the array at `offset`, each read by `read`.
    func array<Element>(at offset: Int, _ read: (Int) throws -> Element) throws -> [Element] {
        var elements = try body.elements(ofArrayAt: offset)
        return try elements.map(read)
    }

    func identifier(at offset: Int) throws -> PatientIdentifier {
        var identifier = PatientIdentifier.Partial()
        _ = try forEachField(ofObjectAt: offset, IdentifierField.self) { field, at in
            switch field {
            case .kind: identifier.kind = PatientIdentifier.Kind(rawValue: try string(at: at))
            case .value: identifier.value = try string(at: at)
            case .validity: identifier.validity = try period(at: at)
            case .status: identifier.status = try named(PatientIdentifier.Status.self, at: at)
            }
        }
        return try built(identifier.built)
    }

    func idCard(at offset: Int) throws -> IDCardRecord {
        var card = IDCardRecord.Partial()
        _ = try forEachField(ofObjectAt: offset, IDCardField.self) { field, at in
            switch field {
            case .personalID: card.personalID = try text(PersonalID.self, at: at)
            case .issueDate: card.issueDate = try optional(at: at, calendarDate)
            case .expiryDate: card.expiryDate = try optional(at: at, calendarDate)
            case .hasNoExpiry: card.hasNoExpiry = try bool(at: at)
            case .source: card.source = try named(CardReading.Source.self, at: at)
            }
        }
        return try built(card.built)
    }

    func demographics(at offset: Int) throws -> Demographics {
        var demographics = Demographics.Partial()
        _ = try forEachField(ofObjectAt: offset, DemographicsField.self) { field, at in
            switch field {
            // Stored names were normalised when first written (as the generic decoder reads them).
            case .name: demographics.name = PersonName(storedText: try string(at: at))
            case .dateOfBirth: demographics.dateOfBirth = try dateOfBirth(at: at)
            case .sex: demographics.sex = try named(Sex.self, at: at)
            case .address: demographics.address = try optional(at: at, string)
            case .nationality: demographics.nationality = try optional(at: at, string)
            case .ethnicity: demographics.ethnicity = try optional(at: at, string)
            case .phone: demographics.phone = try optional(at: at, string)
            }
        }
        return try built(demographics.built)
    }

    func period(at offset: Int) throws -> DatePeriod {
        var period = DatePeriod.unbounded
        _ = try forEachField(ofObjectAt: offset, PeriodField.self) { field, at in
            switch field {
            case .start: period.start = try optional(at: at, calendarDate)
            case .end: period.end = try optional(at: at, calendarDate)
            }
        }
        return period
    }

    func verification(at offset: Int) throws -> Coverage.Verification {
        var cases: [(VerificationCase, Int)] = []
        _ = try forEachField(ofObjectAt: offset, VerificationCase.self) { cases.append(($0, $1)) }
        guard cases.count == 1, let (which, at) = cases.first else {
            throw RecordFormat.Malformed("a stored verification does not hold exactly one case")
        }
        switch which {
        case .unverified:
            _ = try body.object(at: at)
            return .unverified
        case .verified:
            var verified = Coverage.PartialVerified()
            _ = try forEachField(ofObjectAt: at, VerifiedField.self) { field, at in
                switch field {
                case .at: verified.at = try date(at: at)
                case .by: verified.by = try staff(at: at)
                case .result: verified.result = PortalResultCode(try string(at: at))
                }
            }
            return try built(verified.built)
        }
    }

    func staff(at offset: Int) throws -> Staff {
        var staff = Staff.Partial()
        _ = try forEachField(ofObjectAt: offset, StaffField.self) { field, at in
            switch field {
            case .name: staff.name = PersonName(storedText: try string(at: at))
            case .personalID: staff.personalID = try text(PersonalID.self, at: at)
            case .role: staff.role = Staff.Role(rawValue: try string(at: at))
            }
        }
        return try built(staff.built)
    }
}
