import ChipChart
import Foundation

/// The records and their nested values, each read field by field into local values and built
/// once every field is read. A record returns whether it held fields this version does not know.
extension RecordReader {
    func patient(at offset: Int) throws -> (record: Patient, hasUnknownFields: Bool) {
        var id: PatientID?
        var identifiers: [PatientIdentifier]?
        var idCards: [IDCardRecord]?
        var demographics: Demographics?
        var mergedInto: PatientID?
        var version: Int?
        let hasUnknownFields = try forEachField(ofObjectAt: offset, PatientField.self, isRecord: true) { field, value in
            switch field {
            case .id: id = try self.id(at: value)
            case .identifiers: identifiers = try array(at: value, identifier)
            case .idCards: idCards = try array(at: value, idCard)
            case .demographics: demographics = try self.demographics(at: value)
            case .mergedInto: mergedInto = try optional(at: value) { try self.id(at: $0) }
            case .version: version = try int(at: value)
            }
        }
        let patient = Patient(
            id: try required(id, PatientField.id),
            identifiers: try required(identifiers, PatientField.identifiers),
            idCards: try required(idCards, PatientField.idCards),
            demographics: try required(demographics, PatientField.demographics),
            mergedInto: mergedInto,
            version: try required(version, PatientField.version)
        )
        return (patient, hasUnknownFields)
    }

    func coverage(at offset: Int) throws -> (record: Coverage, hasUnknownFields: Bool) {
        var id: CoverageID?
        var patientID: PatientID?
        var cardCode: InsuranceCardCode?
        var facility: FacilityCode?
        var region: Region?
        var validity: DatePeriod?
        var fiveYearDate: CalendarDate?
        var status: Coverage.Status?
        var replaces: CoverageID?
        var replacedBy: CoverageID?
        var verification: Coverage.Verification?
        var version: Int?
        let hasUnknownFields = try forEachField(ofObjectAt: offset, CoverageField.self, isRecord: true) {
            field,
            value in
            switch field {
            case .id: id = try self.id(at: value)
            case .patientID: patientID = try self.id(at: value)
            case .cardCode: cardCode = try text(InsuranceCardCode.self, at: value)
            case .registeredFacility: facility = try optional(at: value) { try text(FacilityCode.self, at: $0) }
            case .region: region = try optional(at: value) { try named(Region.self, at: $0) }
            case .validity: validity = try period(at: value)
            case .fiveYearDate: fiveYearDate = try optional(at: value, calendarDate)
            case .status: status = try named(Coverage.Status.self, at: value)
            case .replaces: replaces = try optional(at: value) { try self.id(at: $0) }
            case .replacedBy: replacedBy = try optional(at: value) { try self.id(at: $0) }
            case .verification: verification = try self.verification(at: value)
            case .version: version = try int(at: value)
            }
        }
        let coverage = Coverage(
            id: try required(id, CoverageField.id),
            patientID: try required(patientID, CoverageField.patientID),
            cardCode: try required(cardCode, CoverageField.cardCode),
            registeredFacility: facility,
            region: region,
            validity: try required(validity, CoverageField.validity),
            fiveYearDate: fiveYearDate,
            status: try required(status, CoverageField.status),
            replaces: replaces,
            replacedBy: replacedBy,
            verification: try required(verification, CoverageField.verification),
            version: try required(version, CoverageField.version)
        )
        return (coverage, hasUnknownFields)
    }

    // MARK: - Nested values

    /// The elements of the array at `offset`, each read by `read`.
    func array<Element>(at offset: Int, _ read: (Int) throws -> Element) throws -> [Element] {
        var elements = try body.elements(ofArrayAt: offset)
        return try elements.map(read)
    }

    func identifier(at offset: Int) throws -> PatientIdentifier {
        var kind: PatientIdentifier.Kind?
        var value: String?
        var validity: DatePeriod?
        var status: PatientIdentifier.Status?
        _ = try forEachField(ofObjectAt: offset, IdentifierField.self) { field, at in
            switch field {
            case .kind: kind = PatientIdentifier.Kind(rawValue: try string(at: at))
            case .value: value = try string(at: at)
            case .validity: validity = try period(at: at)
            case .status: status = try named(PatientIdentifier.Status.self, at: at)
            }
        }
        // Made unchecked, then given the stored value: a stored identifier is not normalised again.
        var identifier = try PatientIdentifier(kind: .temporary, value: "-")
        identifier.kind = try required(kind, IdentifierField.kind)
        identifier.value = try required(value, IdentifierField.value)
        identifier.validity = try required(validity, IdentifierField.validity)
        identifier.status = try required(status, IdentifierField.status)
        return identifier
    }

    func idCard(at offset: Int) throws -> IDCardRecord {
        var personalID: PersonalID?
        var issueDate: CalendarDate?
        var expiryDate: CalendarDate?
        var hasNoExpiry: Bool?
        var source: CardReading.Source?
        _ = try forEachField(ofObjectAt: offset, IDCardField.self) { field, at in
            switch field {
            case .personalID: personalID = try text(PersonalID.self, at: at)
            case .issueDate: issueDate = try optional(at: at, calendarDate)
            case .expiryDate: expiryDate = try optional(at: at, calendarDate)
            case .hasNoExpiry: hasNoExpiry = try bool(at: at)
            case .source: source = try named(CardReading.Source.self, at: at)
            }
        }
        return IDCardRecord(
            personalID: try required(personalID, IDCardField.personalID),
            issueDate: issueDate,
            expiryDate: expiryDate,
            hasNoExpiry: try required(hasNoExpiry, IDCardField.hasNoExpiry),
            source: try required(source, IDCardField.source)
        )
    }

    func demographics(at offset: Int) throws -> Demographics {
        var name: PersonName?
        var dateOfBirth: DateOfBirth?
        var sex: Sex?
        var address: String?
        var nationality: String?
        var ethnicity: String?
        var phone: String?
        _ = try forEachField(ofObjectAt: offset, DemographicsField.self) { field, at in
            switch field {
            // Stored names were normalised when first written (as the generic decoder reads them).
            case .name: name = PersonName(storedText: try string(at: at))
            case .dateOfBirth: dateOfBirth = try self.dateOfBirth(at: at)
            case .sex: sex = try named(Sex.self, at: at)
            case .address: address = try optional(at: at, string)
            case .nationality: nationality = try optional(at: at, string)
            case .ethnicity: ethnicity = try optional(at: at, string)
            case .phone: phone = try optional(at: at, string)
            }
        }
        return Demographics(
            name: try required(name, DemographicsField.name),
            dateOfBirth: try required(dateOfBirth, DemographicsField.dateOfBirth),
            sex: try required(sex, DemographicsField.sex),
            address: address,
            nationality: nationality,
            ethnicity: ethnicity,
            phone: phone
        )
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
            var instant: Date?
            var staff: Staff?
            var result: PortalResultCode?
            _ = try forEachField(ofObjectAt: at, VerifiedField.self) { field, at in
                switch field {
                case .at: instant = try date(at: at)
                case .by: staff = try self.staff(at: at)
                case .result: result = PortalResultCode(try string(at: at))
                }
            }
            return .verified(
                at: try required(instant, VerifiedField.at),
                by: try required(staff, VerifiedField.by),
                result: try required(result, VerifiedField.result)
            )
        }
    }

    func staff(at offset: Int) throws -> Staff {
        var name: PersonName?
        var personalID: PersonalID?
        var role: Staff.Role?
        _ = try forEachField(ofObjectAt: offset, StaffField.self) { field, at in
            switch field {
            case .name: name = PersonName(storedText: try string(at: at))
            case .personalID: personalID = try text(PersonalID.self, at: at)
            case .role: role = Staff.Role(rawValue: try string(at: at))
            }
        }
        return Staff(
            name: try required(name, StaffField.name),
            personalID: try required(personalID, StaffField.personalID),
            role: try required(role, StaffField.role)
        )
    }
}
