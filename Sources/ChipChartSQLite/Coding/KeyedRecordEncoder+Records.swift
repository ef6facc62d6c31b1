import ChipChart
import Foundation

/// The records' own writers: the bytes the generic coder writes for `Patient`, `Coverage` and
/// `Visit` through `Codable`, written directly (no containers, no dynamic casts).
///
/// Each writer writes its fields in stored order (``StoredFields``), leaves an optional that is
/// `nil` out and ends every object it opens, except a record's own object, which
/// ``KeyedRecordEncoder/encode(_:writingFields:)`` ends after the record's unknown fields.
extension KeyedRecordEncoder {
    /// A record's body, written directly: the bytes the generic ``encode(_:)`` writes.
    public func encodeDirectly<Record: DirectlyCodedRecord>(_ record: Record) throws -> [UInt8] {
        try encode(record) { encoder in
            _ = encoder.beginContainer(.object)
            try Record.coding.write(record, encoder)
        }
    }

    // MARK: - Records

    func writeFields(of patient: Patient) {
        field(PatientField.id, patient.id.uuid)
        field(PatientField.identifiers, patient.identifiers) { $0.write($1) }
        field(PatientField.idCards, patient.idCards) { $0.write($1) }
        key(PatientField.demographics)
        write(patient.demographics)
        field(PatientField.mergedInto, patient.mergedInto?.uuid)
        field(PatientField.version, patient.version)
    }

    func writeFields(of coverage: Coverage) {
        field(CoverageField.id, coverage.id.uuid)
        field(CoverageField.patientID, coverage.patientID.uuid)
        field(CoverageField.cardCode, coverage.cardCode.storedText)
        field(CoverageField.registeredFacility, coverage.registeredFacility?.storedText)
        field(CoverageField.region, coverage.region?.rawValue)
        field(CoverageField.validity, coverage.validity)
        field(CoverageField.fiveYearDate, coverage.fiveYearDate)
        field(CoverageField.status, coverage.status.rawValue)
        field(CoverageField.replaces, coverage.replaces?.uuid)
        field(CoverageField.replacedBy, coverage.replacedBy?.uuid)
        key(CoverageField.verification)
        write(coverage.verification)
        field(CoverageField.version, coverage.version)
    }

    func writeFields(of visit: Visit) throws {
        field(VisitField.id, visit.id.uuid)
        field(VisitField.key, visit.key)
        field(VisitField.patientID, visit.patientID.uuid)
        field(VisitField.facility, visit.facility.storedText)
        field(VisitField.kind, visit.kind.storedText)
        field(VisitField.route, visit.route.storedText)
        field(VisitField.admittedAt, instant: visit.admittedAt)
        field(VisitField.dischargedAt, instant: visit.dischargedAt)
        field(VisitField.reason, visit.reason)
        field(VisitField.diagnoses, visit.diagnoses) { $0.appendString($1.storedText) }
        field(VisitField.appliedCoverages, visit.appliedCoverages) { $0.write($1) }
        try field(VisitField.lineItems, visit.lineItems) { try $0.write($1) }
        field(VisitField.status, visit.status.rawValue)
        field(VisitField.version, visit.version)
        if visit.awaitsCoverageVerification { field(VisitField.awaitsCoverageVerification, true) }
        for field in VisitField.generic { try field.write(visit, self) }
    }

    // MARK: - Nested values

    private func write(_ identifier: PatientIdentifier) {
        object {
            field(IdentifierField.kind, identifier.kind.rawValue)
            field(IdentifierField.value, identifier.value)
            field(IdentifierField.validity, identifier.validity)
            field(IdentifierField.status, identifier.status.rawValue)
        }
    }

    private func write(_ card: IDCardRecord) {
        object {
            field(IDCardField.personalID, card.personalID.storedText)
            field(IDCardField.issueDate, card.issueDate)
            field(IDCardField.expiryDate, card.expiryDate)
            field(IDCardField.hasNoExpiry, card.hasNoExpiry)
            field(IDCardField.source, card.source.rawValue)
        }
    }

    private func write(_ demographics: Demographics) {
        object {
            field(DemographicsField.name, demographics.name.text)
            if case .full(let date) = demographics.dateOfBirth {
                field(DemographicsField.dateOfBirth, date)
            } else {
                field(DemographicsField.dateOfBirth, demographics.dateOfBirth.description)
            }
            field(DemographicsField.sex, demographics.sex.rawValue)
            field(DemographicsField.address, demographics.address)
            field(DemographicsField.nationality, demographics.nationality)
            field(DemographicsField.ethnicity, demographics.ethnicity)
            field(DemographicsField.phone, demographics.phone)
        }
    }

    private func write(_ verification: Coverage.Verification) {
        object {
            switch verification {
            case .unverified:
                field(VerificationCase.unverified) {}
            case .verified(let at, let staff, let result):
                field(VerificationCase.verified) {
                    field(VerifiedField.at, instant: at)
                    field(VerifiedField.by) {
                        field(StaffField.name, staff.name.text)
                        field(StaffField.personalID, staff.personalID.storedText)
                        field(StaffField.role, staff.role.rawValue)
                    }
                    field(VerifiedField.result, result.rawValue)
                }
            }
        }
    }

    private func write(_ applied: Visit.AppliedCoverage) {
        object {
            field(AppliedCoverageField.coverageID, applied.coverageID.uuid)
            field(AppliedCoverageField.cardCode, applied.cardCode.storedText)
            field(AppliedCoverageField.registeredFacility, applied.registeredFacility?.storedText)
            field(AppliedCoverageField.cardValidity, applied.cardValidity)
            field(AppliedCoverageField.from, instant: applied.from)
            field(AppliedCoverageField.until, instant: applied.until)
            field(AppliedCoverageField.unverified, applied.unverified)
        }
    }

    private func write(_ line: LineItem) throws {
        try object {
            field(LineItemField.kind, line.kind.rawValue)
            field(LineItemField.code, line.code)
            field(LineItemField.name, line.name)
            key(LineItemField.quantity)
            // Foundation's own conformance: a decimal's raw parts are not public.
            try appendEncodable(line.quantity)
            field(LineItemField.unitPrice, line.unitPrice.claimsText)
            field(LineItemField.insurancePrice, line.insurancePrice.claimsText)
            field(LineItemField.inScope, line.inScope)
            field(LineItemField.paymentRatePercent, line.paymentRatePercent)
            field(LineItemField.orderedAt, instant: line.orderedAt)
        }
    }

    // MARK: - Fields

    private func key(_ field: some StoredFields) { appendKey(field.rawValue) }

    /// An object whose fields `body` writes.
    private func object(_ body: () throws -> Void) rethrows {
        let object = beginContainer(.object)
        try body()
        endContainer(object)
    }

    /// A field holding an object whose fields `body` writes.
    private func field(_ field: some StoredFields, object body: () throws -> Void) rethrows {
        key(field)
        try object(body)
    }

    /// A field holding an array, each element written by `write`.
    private func field<Element>(
        _ field: some StoredFields,
        _ elements: [Element],
        _ write: (KeyedRecordEncoder, Element) throws -> Void
    ) rethrows {
        key(field)
        let array = beginContainer(.array)
        for element in elements { try write(self, element) }
        endContainer(array)
    }

    /// A text field; none when `nil`.
    private func field(_ field: some StoredFields, _ text: String?) {
        guard let text else { return }
        key(field)
        appendString(text)
    }

    /// An id field; none when `nil`.
    private func field(_ field: some StoredFields, _ uuid: UUID?) {
        guard let uuid else { return }
        key(field)
        appendUUID(uuid)
    }

    private func field(_ field: some StoredFields, _ number: Int) {
        key(field)
        appendSigned(Int64(number))
    }

    private func field(_ field: some StoredFields, _ flag: Bool) {
        key(field)
        appendBool(flag)
    }

    /// An instant, as `Date` encodes itself: seconds since 2001 as a double; none when `nil`.
    private func field(_ field: some StoredFields, instant: Date?) {
        guard let instant else { return }
        key(field)
        appendDouble(instant.timeIntervalSinceReferenceDate)
    }

    /// A period: an object of its ends, each left out when open.
    private func field(_ field: some StoredFields, _ period: DatePeriod) {
        self.field(field) {
            self.field(PeriodField.start, period.start)
            self.field(PeriodField.end, period.end)
        }
    }

    /// A calendar date as its `yyyy-MM-dd` text, without building the string when its parts
    /// fit; none when `nil`.
    private func field(_ field: some StoredFields, _ date: CalendarDate?) {
        guard let date else { return }
        key(field)
        let (year, month, day) = (date.year, date.month, date.day)
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            appendString(date.description)
            return
        }
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
