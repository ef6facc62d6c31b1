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
        var patient = Patient.Partial()
        let complete = members { reader, key in
            switch key {
            case "demographics": reader.fill(&patient.demographics) { $0.demographics() }
            case "id": reader.fill(&patient.id) { $0.uuid().map(PatientID.init) }
            case "idCards": reader.fill(&patient.idCards) { $0.array { $0.idCard() } }
            case "identifiers": reader.fill(&patient.identifiers) { $0.array { $0.identifier() } }
            case "mergedInto": reader.fill(&patient.mergedInto) { $0.uuid().map(PatientID.init) }
            case "version": reader.fill(&patient.version) { $0.integer().flatMap(Int.init(exactly:)) }
            default: false
            }
        }
        return complete ? try? patient.built() : nil
    }

    mutating func coverage() -> Coverage? {
        var coverage = Coverage.Partial()
        let complete = members { reader, key in
            switch key {
            case "cardCode": reader.fill(&coverage.cardCode) { $0.text(InsuranceCardCode.self) }
            case "fiveYearDate": reader.fill(&coverage.fiveYearDate) { $0.calendarDate() }
            case "id": reader.fill(&coverage.id) { $0.uuid().map(CoverageID.init) }
            case "patientID": reader.fill(&coverage.patientID) { $0.uuid().map(PatientID.init) }
            case "region": reader.fill(&coverage.region) { $0.named(Region.self) }
            case "registeredFacility":
                reader.fill(&coverage.registeredFacility) { $0.memoized { $0.text(FacilityCode.self) } }
            case "replacedBy": reader.fill(&coverage.replacedBy) { $0.uuid().map(CoverageID.init) }
            case "replaces": reader.fill(&coverage.replaces) { $0.uuid().map(CoverageID.init) }
            case "status": reader.fill(&coverage.status) { $0.named(Coverage.Status.self) }
            case "validity": reader.fill(&coverage.validity) { $0.period() }
            case "verification": reader.fill(&coverage.verification) { $0.verification() }
            case "version": reader.fill(&coverage.version) { $0.integer().flatMap(Int.init(exactly:)) }
            default: false
            }
        }
        return complete ? try? coverage.built() : nil
    }

    // MARK: - Nested values

    mutating func demographics() -> Demographics? {
        var demographics = Demographics.Partial()
        let complete = members { reader, key in
            switch key {
            case "address": reader.fill(&demographics.address) { $0.string() }
            case "dateOfBirth": reader.fill(&demographics.dateOfBirth) { $0.dateOfBirth() }
            case "ethnicity": reader.fill(&demographics.ethnicity) { $0.string() }
            case "name": reader.fill(&demographics.name) { $0.personName() }
            case "nationality": reader.fill(&demographics.nationality) { $0.string() }
            case "phone": reader.fill(&demographics.phone) { $0.string() }
            case "sex": reader.fill(&demographics.sex) { $0.named(Sex.self) }
            default: false
            }
        }
        return complete ? try? demographics.built() : nil
    }

    mutating func idCard() -> IDCardRecord? {
        var card = IDCardRecord.Partial()
        let complete = members { reader, key in
            switch key {
            case "expiryDate": reader.fill(&card.expiryDate) { $0.calendarDate() }
            case "hasNoExpiry": reader.fill(&card.hasNoExpiry) { $0.bool() }
            case "issueDate": reader.fill(&card.issueDate) { $0.calendarDate() }
            case "personalID": reader.fill(&card.personalID) { $0.text(PersonalID.self) }
            case "source": reader.fill(&card.source) { $0.named(CardReading.Source.self) }
            default: false
            }
        }
        return complete ? try? card.built() : nil
    }

    mutating func identifier() -> PatientIdentifier? {
        var identifier = PatientIdentifier.Partial()
        let complete = members { reader, key in
            switch key {
            case "kind": reader.fill(&identifier.kind) { $0.string().map(PatientIdentifier.Kind.init(rawValue:)) }
            case "status": reader.fill(&identifier.status) { $0.named(PatientIdentifier.Status.self) }
            case "validity": reader.fill(&identifier.validity) { $0.period() }
            case "value": reader.fill(&identifier.value) { $0.string() }
            default: false
            }
        }
        return complete ? try? identifier.built() : nil
    }

    mutating func period() -> DatePeriod? {
        var period = DatePeriod.unbounded
        let complete = members { reader, key in
            switch key {
            case "end": reader.fill(&period.end) { $0.calendarDate() }
            case "start": reader.fill(&period.start) { $0.calendarDate() }
            default: false
            }
        }
        return complete ? period : nil
    }

    mutating func verification() -> Coverage.Verification? {
        if skip("{\"unverified\":{}}") { return .unverified }
        guard skip("{\"verified\":") else { return nil }
        var verified = Coverage.PartialVerified()
        let complete = members { reader, key in
            switch key {
            case "at": reader.fill(&verified.at) { $0.instant() }
            case "by": reader.fill(&verified.by) { $0.memoized { $0.staff() } }
            case "result": reader.fill(&verified.result) { $0.string().map { PortalResultCode($0) } }
            default: false
            }
        }
        guard complete, skip("}") else { return nil }
        return try? verified.built()
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
