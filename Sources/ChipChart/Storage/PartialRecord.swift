package import Foundation

/// A required field that a record read from its stored or archived form does not hold.
package struct MissingField: Error, Sendable {
    /// The field's stored name (the record's `Codable` key).
    package let name: String
}

/// The value of a required field, or ``MissingField`` naming it.
func required<Value>(_ value: Value?, _ name: String) throws(MissingField) -> Value {
    guard let value else { throw MissingField(name: name) }
    return value
}

// Records and the values they hold, read field by field from a stored or archived form: the
// SQLite store's body reader and the archive's line reader each fill the same partial value from
// their own source, field by field in any order, and the value is built here, as its `Decodable`
// conformance builds it, so that a field added to a record is built in one place.

extension Patient {
    /// A patient read field by field.
    package struct Partial {
        package var id: PatientID?
        package var identifiers: [PatientIdentifier]?
        package var idCards: [IDCardRecord]?
        package var demographics: Demographics?
        package var mergedInto: PatientID?
        package var version: Int?

        package init() {}

        /// The patient, or the first required field not read.
        package func built() throws(MissingField) -> Patient {
            Patient(
                id: try required(id, "id"),
                identifiers: try required(identifiers, "identifiers"),
                idCards: try required(idCards, "idCards"),
                demographics: try required(demographics, "demographics"),
                mergedInto: mergedInto,
                version: try required(version, "version")
            )
        }
    }
}

extension Coverage {
    /// A coverage read field by field.
    package struct Partial {
        package var id: CoverageID?
        package var patientID: PatientID?
        package var cardCode: InsuranceCardCode?
        package var registeredFacility: FacilityCode?
        package var region: Region?
        package var validity: DatePeriod?
        package var fiveYearDate: CalendarDate?
        package var status: Coverage.Status?
        package var replaces: CoverageID?
        package var replacedBy: CoverageID?
        package var verification: Coverage.Verification?
        package var version: Int?

        package init() {}

        /// The coverage, or the first required field not read.
        package func built() throws(MissingField) -> Coverage {
            Coverage(
                id: try required(id, "id"),
                patientID: try required(patientID, "patientID"),
                cardCode: try required(cardCode, "cardCode"),
                registeredFacility: registeredFacility,
                region: region,
                validity: try required(validity, "validity"),
                fiveYearDate: fiveYearDate,
                status: try required(status, "status"),
                replaces: replaces,
                replacedBy: replacedBy,
                verification: try required(verification, "verification"),
                version: try required(version, "version")
            )
        }
    }

    /// The `verified` case of a coverage's verification, read field by field.
    package struct PartialVerified {
        package var at: Date?
        package var by: Staff?
        package var result: PortalResultCode?

        package init() {}

        /// The verification, or the first required field not read.
        package func built() throws(MissingField) -> Verification {
            .verified(at: try required(at, "at"), by: try required(by, "by"), result: try required(result, "result"))
        }
    }
}

extension Demographics {
    /// Demographics read field by field.
    package struct Partial {
        package var name: PersonName?
        package var dateOfBirth: DateOfBirth?
        package var sex: Sex?
        package var address: String?
        package var nationality: String?
        package var ethnicity: String?
        package var phone: String?

        package init() {}

        /// The demographics, or the first required field not read.
        package func built() throws(MissingField) -> Demographics {
            Demographics(
                name: try required(name, "name"),
                dateOfBirth: try required(dateOfBirth, "dateOfBirth"),
                sex: try required(sex, "sex"),
                address: address,
                nationality: nationality,
                ethnicity: ethnicity,
                phone: phone
            )
        }
    }
}

extension IDCardRecord {
    /// A chip ID card's record read field by field.
    package struct Partial {
        package var personalID: PersonalID?
        package var issueDate: CalendarDate?
        package var expiryDate: CalendarDate?
        package var hasNoExpiry: Bool?
        package var source: CardReading.Source?

        package init() {}

        /// The card's record, or the first required field not read.
        package func built() throws(MissingField) -> IDCardRecord {
            IDCardRecord(
                personalID: try required(personalID, "personalID"),
                issueDate: issueDate,
                expiryDate: expiryDate,
                hasNoExpiry: try required(hasNoExpiry, "hasNoExpiry"),
                source: try required(source, "source")
            )
        }
    }
}

extension PatientIdentifier {
    /// An identifier read field by field.
    package struct Partial {
        package var kind: Kind?
        package var value: String?
        package var validity: DatePeriod?
        package var status: Status?

        package init() {}

        /// The identifier as stored, or the first required field not read: a stored identifier
        /// is not normalised again.
        package func built() throws(MissingField) -> PatientIdentifier {
            PatientIdentifier(
                trusted: try required(kind, "kind"),
                try required(value, "value"),
                try required(validity, "validity"),
                status: try required(status, "status")
            )
        }
    }
}

extension Staff {
    /// A staff member read field by field.
    package struct Partial {
        package var name: PersonName?
        package var personalID: PersonalID?
        package var role: Role?

        package init() {}

        /// The staff member, or the first required field not read.
        package func built() throws(MissingField) -> Staff {
            Staff(
                name: try required(name, "name"),
                personalID: try required(personalID, "personalID"),
                role: try required(role, "role")
            )
        }
    }
}
