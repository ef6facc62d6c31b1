public import ChipChart
import Foundation

/// The records' own writers: the bytes the generic coder writes for `Patient`, `Coverage` and
/// `Visit` through `Codable`, written directly (no containers, no dynamic casts).
///
/// Each writer writes its fields in stored order (``StoredFields``), leaves an optional that is
/// `nil` out and ends every object it opens, except a record's own object, which
/// ``KeyedRecordEncoder/encode(_:writingFields:)`` ends after the record's unknown fields.
extension KeyedRecordEncoder {
    /// A patient's body, written directly: the bytes the generic ``encode(_:)`` writes.
    public func encodeDirectly(_ patient: Patient) throws -> [UInt8] {
        try encode(patient) { $0.writeFields(of: patient) }
    }

    /// A coverage's body, written directly.
    public func encodeDirectly(_ coverage: Coverage) throws -> [UInt8] {
        try encode(coverage) { $0.writeFields(of: coverage) }
    }

    /// A visit's body, written directly.
    public func encodeDirectly(_ visit: Visit) throws -> [UInt8] {
        try encode(visit) { try $0.writeFields(of: visit) }
    }

    // MARK: - Records

    private func writeFields(of patient: Patient) {
        _ = beginContainer(.object)
        key(PatientField.id)
        appendUUID(patient.id.uuid)
        key(PatientField.identifiers)
        writeArray(patient.identifiers) { $0.write($1) }
        key(PatientField.idCards)
        writeArray(patient.idCards) { $0.write($1) }
        key(PatientField.demographics)
        write(patient.demographics)
        if let mergedInto = patient.mergedInto {
            key(PatientField.mergedInto)
            appendUUID(mergedInto.uuid)
        }
        key(PatientField.version)
        appendSigned(Int64(patient.version))
    }

    private func writeFields(of coverage: Coverage) {
        _ = beginContainer(.object)
        key(CoverageField.id)
        appendUUID(coverage.id.uuid)
        key(CoverageField.patientID)
        appendUUID(coverage.patientID.uuid)
        key(CoverageField.cardCode)
        appendString(coverage.cardCode.storedText)
        if let facility = coverage.registeredFacility {
            key(CoverageField.registeredFacility)
            appendString(facility.storedText)
        }
        if let region = coverage.region {
            key(CoverageField.region)
            appendString(region.rawValue)
        }
        key(CoverageField.validity)
        write(coverage.validity)
        if let date = coverage.fiveYearDate {
            key(CoverageField.fiveYearDate)
            appendDate(date)
        }
        key(CoverageField.status)
        appendString(coverage.status.rawValue)
        if let replaces = coverage.replaces {
            key(CoverageField.replaces)
            appendUUID(replaces.uuid)
        }
        if let replacedBy = coverage.replacedBy {
            key(CoverageField.replacedBy)
            appendUUID(replacedBy.uuid)
        }
        key(CoverageField.verification)
        write(coverage.verification)
        key(CoverageField.version)
        appendSigned(Int64(coverage.version))
    }

    private func writeFields(of visit: Visit) throws {
        _ = beginContainer(.object)
        key(VisitField.id)
        appendUUID(visit.id.uuid)
        key(VisitField.key)
        appendString(visit.key)
        key(VisitField.patientID)
        appendUUID(visit.patientID.uuid)
        key(VisitField.facility)
        appendString(visit.facility.storedText)
        key(VisitField.kind)
        appendString(visit.kind.storedText)
        key(VisitField.route)
        appendString(visit.route.storedText)
        key(VisitField.admittedAt)
        appendDate(visit.admittedAt)
        if let dischargedAt = visit.dischargedAt {
            key(VisitField.dischargedAt)
            appendDate(dischargedAt)
        }
        if let reason = visit.reason {
            key(VisitField.reason)
            appendString(reason)
        }
        key(VisitField.diagnoses)
        writeArray(visit.diagnoses) { $0.appendString($1.storedText) }
        key(VisitField.appliedCoverages)
        writeArray(visit.appliedCoverages) { $0.write($1) }
        key(VisitField.lineItems)
        try writeArray(visit.lineItems) { try $0.write($1) }
        key(VisitField.status)
        appendString(visit.status.rawValue)
        key(VisitField.version)
        appendSigned(Int64(visit.version))
        if visit.awaitsCoverageVerification {
            key(VisitField.awaitsCoverageVerification)
            appendBool(true)
        }
        for field in VisitField.generic { try field.write(visit, self) }
    }

    // MARK: - Nested values

    private func write(_ identifier: PatientIdentifier) {
        let object = beginContainer(.object)
        key(IdentifierField.kind)
        appendString(identifier.kind.rawValue)
        key(IdentifierField.value)
        appendString(identifier.value)
        key(IdentifierField.validity)
        write(identifier.validity)
        key(IdentifierField.status)
        appendString(identifier.status.rawValue)
        endContainer(object)
    }

    private func write(_ card: IDCardRecord) {
        let object = beginContainer(.object)
        key(IDCardField.personalID)
        appendString(card.personalID.storedText)
        if let issueDate = card.issueDate {
            key(IDCardField.issueDate)
            appendDate(issueDate)
        }
        if let expiryDate = card.expiryDate {
            key(IDCardField.expiryDate)
            appendDate(expiryDate)
        }
        key(IDCardField.hasNoExpiry)
        appendBool(card.hasNoExpiry)
        key(IDCardField.source)
        appendString(card.source.rawValue)
        endContainer(object)
    }

    private func write(_ demographics: Demographics) {
        let object = beginContainer(.object)
        key(DemographicsField.name)
        appendString(demographics.name.text)
        key(DemographicsField.dateOfBirth)
        switch demographics.dateOfBirth {
        case .full(let date): appendDate(date)
        default: appendString(demographics.dateOfBirth.description)
        }
        key(DemographicsField.sex)
        appendString(demographics.sex.rawValue)
        writeIfPresent(demographics.address, DemographicsField.address)
        writeIfPresent(demographics.nationality, DemographicsField.nationality)
        writeIfPresent(demographics.ethnicity, DemographicsField.ethnicity)
        writeIfPresent(demographics.phone, DemographicsField.phone)
        endContainer(object)
    }

    private func write(_ period: DatePeriod) {
        let object = beginContainer(.object)
        if let start = period.start {
            key(PeriodField.start)
            appendDate(start)
        }
        if let end = period.end {
            key(PeriodField.end)
            appendDate(end)
        }
        endContainer(object)
    }

    private func write(_ verification: Coverage.Verification) {
        let object = beginContainer(.object)
        switch verification {
        case .unverified:
            key(VerificationCase.unverified)
            endContainer(beginContainer(.object))
        case .verified(let at, let staff, let result):
            key(VerificationCase.verified)
            let verified = beginContainer(.object)
            key(VerifiedField.at)
            appendDate(at)
            key(VerifiedField.by)
            write(staff)
            key(VerifiedField.result)
            appendString(result.rawValue)
            endContainer(verified)
        }
        endContainer(object)
    }

    private func write(_ staff: Staff) {
        let object = beginContainer(.object)
        key(StaffField.name)
        appendString(staff.name.text)
        key(StaffField.personalID)
        appendString(staff.personalID.storedText)
        key(StaffField.role)
        appendString(staff.role.rawValue)
        endContainer(object)
    }

    private func write(_ applied: Visit.AppliedCoverage) {
        let object = beginContainer(.object)
        key(AppliedCoverageField.coverageID)
        appendUUID(applied.coverageID.uuid)
        key(AppliedCoverageField.cardCode)
        appendString(applied.cardCode.storedText)
        if let facility = applied.registeredFacility {
            key(AppliedCoverageField.registeredFacility)
            appendString(facility.storedText)
        }
        key(AppliedCoverageField.cardValidity)
        write(applied.cardValidity)
        key(AppliedCoverageField.from)
        appendDate(applied.from)
        if let until = applied.until {
            key(AppliedCoverageField.until)
            appendDate(until)
        }
        key(AppliedCoverageField.unverified)
        appendBool(applied.unverified)
        endContainer(object)
    }

    private func write(_ line: LineItem) throws {
        let object = beginContainer(.object)
        key(LineItemField.kind)
        appendString(line.kind.rawValue)
        key(LineItemField.code)
        appendString(line.code)
        key(LineItemField.name)
        appendString(line.name)
        key(LineItemField.quantity)
        // Foundation's own conformance: its raw parts are not public.
        try appendEncodable(line.quantity)
        key(LineItemField.unitPrice)
        appendString(line.unitPrice.claimsText)
        key(LineItemField.insurancePrice)
        appendString(line.insurancePrice.claimsText)
        key(LineItemField.inScope)
        appendBool(line.inScope)
        key(LineItemField.paymentRatePercent)
        appendSigned(Int64(line.paymentRatePercent))
        if let orderedAt = line.orderedAt {
            key(LineItemField.orderedAt)
            appendDate(orderedAt)
        }
        endContainer(object)
    }

    // MARK: - Leaves

    private func key(_ field: some StoredFields) { appendKey(field.rawValue) }

    private func writeIfPresent(_ text: String?, _ field: some StoredFields) {
        guard let text else { return }
        key(field)
        appendString(text)
    }

    private func writeArray<Element>(
        _ elements: [Element],
        _ write: (KeyedRecordEncoder, Element) throws -> Void
    ) rethrows {
        let array = beginContainer(.array)
        for element in elements { try write(self, element) }
        endContainer(array)
    }

    /// An instant, as `Date` encodes itself: seconds since 2001 as a double.
    private func appendDate(_ date: Date) { appendDouble(date.timeIntervalSinceReferenceDate) }

    /// A calendar date as its `yyyy-MM-dd` text, without building the string when its parts fit.
    private func appendDate(_ date: CalendarDate) {
        guard (0...9999).contains(date.year), (0...99).contains(date.month), (0...99).contains(date.day) else {
            appendString(date.description)
            return
        }
        let (year, month, day) = (date.year, date.month, date.day)
        let digit = { (value: Int) in UInt8(truncatingIfNeeded: 48 + value % 10) }
        let text = (
            digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), UInt8(45),
            digit(month / 10), digit(month), UInt8(45), digit(day / 10), digit(day)
        )
        append(.string)
        appendVarint(10)
        withUnsafeBytes(of: text) { appendBytes($0) }
    }
}
