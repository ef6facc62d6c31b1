import ChipChart
import Foundation

/// Reads a record line directly when it is exactly as ``JSONLineWriter`` writes it (no
/// whitespace, no escapes, the fields it writes and no other, each once), and otherwise leaves
/// the line to `JSONDecoder`, which decides: a record read here is the record `JSONDecoder`
/// reads from the same line (tests compare the two on sound and damaged lines), so an error is
/// always `JSONDecoder`'s.
///
/// A visit with a chart is always left to `JSONDecoder`, as the writer leaves it to `JSONEncoder`.
enum RecordLine {
    /// The record on the line, or `nil` when the line is not one as written. Values that recur
    /// are looked up in `memo` when one is given.
    static func read(_ line: UnsafeRawBufferPointer, memo: RecordLineMemo? = nil) -> ArchiveRecord? {
        var reader = JSONLineScanner(line, memo: memo)
        let record: ArchiveRecord?
        if reader.skip("{\"auditEvent\":") {
            record = reader.auditEvent().map(ArchiveRecord.auditEvent)
        } else if reader.skip("{\"patient\":") {
            record = reader.patient().map(ArchiveRecord.patient)
        } else if reader.skip("{\"coverage\":") {
            record = reader.coverage().map(ArchiveRecord.coverage)
        } else if reader.skip("{\"visit\":") {
            record = reader.visit().map(ArchiveRecord.visit)
        } else {
            return nil
        }
        guard let record, reader.skip("}"), reader.atEnd else { return nil }
        return record
    }
}

/// Patients, coverages and the values they hold, each read member by member into local values
/// and built once the object has ended, as their `Decodable` conformances build them.
extension JSONLineScanner {
    mutating func patient() -> Patient? {
        var demographics: Demographics?
        var id: UUID?
        var idCards: [IDCardRecord]?
        var identifiers: [PatientIdentifier]?
        var mergedInto: UUID?
        var version: Int64?
        let complete = members { reader, key in
            switch key {
            case "demographics" where demographics == nil: return Self.take(&demographics, reader.demographics())
            case "id" where id == nil: return Self.take(&id, reader.uuid())
            case "idCards" where idCards == nil: return Self.take(&idCards, reader.array { $0.idCard() })
            case "identifiers" where identifiers == nil:
                return Self.take(&identifiers, reader.array { $0.identifier() })
            case "mergedInto" where mergedInto == nil: return Self.take(&mergedInto, reader.uuid())
            case "version" where version == nil: return Self.take(&version, reader.integer())
            default: return false
            }
        }
        guard complete, let demographics, let id, let idCards, let identifiers,
            let version = version.flatMap(Int.init(exactly:))
        else { return nil }
        return Patient(
            id: PatientID(id),
            identifiers: identifiers,
            idCards: idCards,
            demographics: demographics,
            mergedInto: mergedInto.map(PatientID.init),
            version: version
        )
    }

    mutating func coverage() -> Coverage? {
        var cardCode: InsuranceCardCode?
        var fiveYearDate: CalendarDate?
        var id: UUID?
        var patientID: UUID?
        var region: Region?
        var facility: FacilityCode?
        var replacedBy: UUID?
        var replaces: UUID?
        var status: Coverage.Status?
        var validity: DatePeriod?
        var verification: Coverage.Verification?
        var version: Int64?
        let complete = members { reader, key in
            switch key {
            case "cardCode" where cardCode == nil: return Self.take(&cardCode, reader.text(InsuranceCardCode.self))
            case "fiveYearDate" where fiveYearDate == nil: return Self.take(&fiveYearDate, reader.calendarDate())
            case "id" where id == nil: return Self.take(&id, reader.uuid())
            case "patientID" where patientID == nil: return Self.take(&patientID, reader.uuid())
            case "region" where region == nil: return Self.take(&region, reader.named(Region.self))
            case "registeredFacility" where facility == nil:
                return Self.take(&facility, reader.memoized { $0.text(FacilityCode.self) })
            case "replacedBy" where replacedBy == nil: return Self.take(&replacedBy, reader.uuid())
            case "replaces" where replaces == nil: return Self.take(&replaces, reader.uuid())
            case "status" where status == nil: return Self.take(&status, reader.named(Coverage.Status.self))
            case "validity" where validity == nil: return Self.take(&validity, reader.period())
            case "verification" where verification == nil: return Self.take(&verification, reader.verification())
            case "version" where version == nil: return Self.take(&version, reader.integer())
            default: return false
            }
        }
        guard complete, let cardCode, let id, let patientID, let status, let validity, let verification,
            let version = version.flatMap(Int.init(exactly:))
        else { return nil }
        return Coverage(
            id: CoverageID(id),
            patientID: PatientID(patientID),
            cardCode: cardCode,
            registeredFacility: facility,
            region: region,
            validity: validity,
            fiveYearDate: fiveYearDate,
            status: status,
            replaces: replaces.map(CoverageID.init),
            replacedBy: replacedBy.map(CoverageID.init),
            verification: verification,
            version: version
        )
    }

    // MARK: - Nested values

    mutating func demographics() -> Demographics? {
        var address: String?
        var dateOfBirth: DateOfBirth?
        var ethnicity: String?
        var name: PersonName?
        var nationality: String?
        var phone: String?
        var sex: Sex?
        let complete = members { reader, key in
            switch key {
            case "address" where address == nil: return Self.take(&address, reader.string())
            case "dateOfBirth" where dateOfBirth == nil: return Self.take(&dateOfBirth, reader.dateOfBirth())
            case "ethnicity" where ethnicity == nil: return Self.take(&ethnicity, reader.string())
            case "name" where name == nil: return Self.take(&name, reader.personName())
            case "nationality" where nationality == nil: return Self.take(&nationality, reader.string())
            case "phone" where phone == nil: return Self.take(&phone, reader.string())
            case "sex" where sex == nil: return Self.take(&sex, reader.named(Sex.self))
            default: return false
            }
        }
        guard complete, let dateOfBirth, let name, let sex else { return nil }
        return Demographics(
            name: name,
            dateOfBirth: dateOfBirth,
            sex: sex,
            address: address,
            nationality: nationality,
            ethnicity: ethnicity,
            phone: phone
        )
    }

    mutating func idCard() -> IDCardRecord? {
        var expiryDate: CalendarDate?
        var hasNoExpiry: Bool?
        var issueDate: CalendarDate?
        var personalID: PersonalID?
        var source: CardReading.Source?
        let complete = members { reader, key in
            switch key {
            case "expiryDate" where expiryDate == nil: return Self.take(&expiryDate, reader.calendarDate())
            case "hasNoExpiry" where hasNoExpiry == nil: return Self.take(&hasNoExpiry, reader.bool())
            case "issueDate" where issueDate == nil: return Self.take(&issueDate, reader.calendarDate())
            case "personalID" where personalID == nil: return Self.take(&personalID, reader.text(PersonalID.self))
            case "source" where source == nil: return Self.take(&source, reader.named(CardReading.Source.self))
            default: return false
            }
        }
        guard complete, let hasNoExpiry, let personalID, let source else { return nil }
        return IDCardRecord(
            personalID: personalID,
            issueDate: issueDate,
            expiryDate: expiryDate,
            hasNoExpiry: hasNoExpiry,
            source: source
        )
    }

    mutating func identifier() -> PatientIdentifier? {
        var kind: String?
        var status: PatientIdentifier.Status?
        var validity: DatePeriod?
        var value: String?
        let complete = members { reader, key in
            switch key {
            case "kind" where kind == nil: return Self.take(&kind, reader.string())
            case "status" where status == nil: return Self.take(&status, reader.named(PatientIdentifier.Status.self))
            case "validity" where validity == nil: return Self.take(&validity, reader.period())
            case "value" where value == nil: return Self.take(&value, reader.string())
            default: return false
            }
        }
        // Made, then given the values read: a decoded identifier is not normalised again.
        guard complete, let kind, let status, let validity, let value,
            var identifier = try? PatientIdentifier(kind: .temporary, value: "-")
        else { return nil }
        identifier.kind = PatientIdentifier.Kind(rawValue: kind)
        identifier.value = value
        identifier.validity = validity
        identifier.status = status
        return identifier
    }

    mutating func period() -> DatePeriod? {
        var period = DatePeriod.unbounded
        let complete = members { reader, key in
            switch key {
            case "end" where period.end == nil: return Self.take(&period.end, reader.calendarDate())
            case "start" where period.start == nil: return Self.take(&period.start, reader.calendarDate())
            default: return false
            }
        }
        return complete ? period : nil
    }

    mutating func verification() -> Coverage.Verification? {
        if skip("{\"unverified\":{}}") { return .unverified }
        guard skip("{\"verified\":") else { return nil }
        var at: Date?
        var staff: Staff?
        var result: String?
        let complete = members { reader, key in
            switch key {
            case "at" where at == nil: return Self.take(&at, reader.instant())
            case "by" where staff == nil: return Self.take(&staff, reader.memoized { $0.staff() })
            case "result" where result == nil: return Self.take(&result, reader.string())
            default: return false
            }
        }
        guard complete, skip("}"), let at, let staff, let result else { return nil }
        return .verified(at: at, by: staff, result: PortalResultCode(result))
    }

    // MARK: - Leaves

    /// A name as its `Decodable` conformance reads it; a name that the stricter rules for a
    /// name that enters refuse goes to `JSONDecoder`.
    mutating func personName() -> PersonName? { string().flatMap { try? PersonName($0) } }

    /// An identifier or code, checked as its `Decodable` conformance checks it.
    mutating func text<Value: StoredAsText>(_ type: Value.Type) -> Value? {
        string().flatMap { try? Value(storedText: $0) }
    }

    /// A value stored as its raw name.
    mutating func named<Value: RawRepresentable<String>>(_ type: Value.Type) -> Value? {
        string().flatMap(Value.init(rawValue:))
    }

    /// `yyyy-MM-dd` exactly, four and two and two digits.
    mutating func calendarDate() -> CalendarDate? {
        guard let parts = dateParts(), parts.count == 3 else { return nil }
        return try? CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// `yyyy-MM-dd`, `yyyy-MM` or `yyyy`, as `DateOfBirth` reads them.
    mutating func dateOfBirth() -> DateOfBirth? {
        guard let parts = dateParts() else { return nil }
        switch parts.count {
        case 1: return .year(parts[0])
        case 2: return .monthYear(year: parts[0], month: parts[1])
        default: return (try? CalendarDate(year: parts[0], month: parts[1], day: parts[2])).map(DateOfBirth.full)
        }
    }

    /// The numbers of a string of four digits, then up to two parts of a hyphen and two digits.
    private mutating func dateParts() -> [Int]? {
        guard let text = string()?.utf8, [4, 7, 10].contains(text.count) else { return nil }
        var parts: [Int] = []
        var value = 0
        for (offset, byte) in text.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                parts.append(value)
                value = 0
            } else {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
        }
        return parts + [value]
    }
}
