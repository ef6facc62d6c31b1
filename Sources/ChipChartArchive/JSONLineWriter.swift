import ChipChart
import Foundation

/// Writes the JSON of a record line directly, byte for byte what `JSONEncoder` writes for an
/// ``ArchiveLine`` with sorted keys, instants as seconds since 1970 and unescaped slashes (a test
/// compares the two): no containers, no boxing, keys known in their sorted order.
///
/// A record kind's fields are written in the order `JSONEncoder` sorts their names in; an
/// optional that is `nil` is left out, as `JSONEncoder` leaves it out.
struct JSONLineWriter {
    /// The line so far (without its line feed).
    private(set) var bytes: [UInt8] = []
    /// For each object open, whether it has a member yet.
    private var hasMember: [Bool] = []

    /// Starts a new line.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        hasMember.removeAll(keepingCapacity: true)
    }

    /// A record's line: one object with one member naming the record's kind.
    mutating func write(_ record: ArchiveRecord) {
        object {
            switch record {
            case .patient(let patient): $0.field("patient") { $0.write(patient) }
            case .coverage(let coverage): $0.field("coverage") { $0.write(coverage) }
            case .visit(let visit): $0.field("visit") { $0.write(visit) }
            case .auditEvent(let event): $0.field("auditEvent") { $0.write(event) }
            }
        }
    }

    // MARK: - Records

    private mutating func write(_ patient: Patient) {
        object {
            $0.field("demographics") { $0.write(patient.demographics) }
            $0.field("id", patient.id.uuid)
            $0.field("idCards") { writer in writer.array(patient.idCards) { $0.write($1) } }
            $0.field("identifiers") { writer in writer.array(patient.identifiers) { $0.write($1) } }
            $0.field("mergedInto", patient.mergedInto?.uuid)
            $0.field("version", patient.version)
        }
    }

    private mutating func write(_ coverage: Coverage) {
        object {
            $0.field("cardCode", coverage.cardCode.storedText)
            $0.field("fiveYearDate", coverage.fiveYearDate?.description)
            $0.field("id", coverage.id.uuid)
            $0.field("patientID", coverage.patientID.uuid)
            $0.field("region", coverage.region?.rawValue)
            $0.field("registeredFacility", coverage.registeredFacility?.storedText)
            $0.field("replacedBy", coverage.replacedBy?.uuid)
            $0.field("replaces", coverage.replaces?.uuid)
            $0.field("status", coverage.status.rawValue)
            $0.field("validity") { $0.write(coverage.validity) }
            $0.field("verification") { $0.write(coverage.verification) }
            $0.field("version", coverage.version)
        }
    }

    private mutating func write(_ visit: Visit) {
        object {
            $0.field("admittedAt", instant: visit.admittedAt)
            $0.field("appliedCoverages") { writer in writer.array(visit.appliedCoverages) { $0.write($1) } }
            if visit.awaitsCoverageVerification { $0.field("awaitsCoverageVerification", true) }
            $0.field("diagnoses") { writer in writer.array(visit.diagnoses) { $0.string($1.storedText) } }
            $0.field("dischargedAt", instant: visit.dischargedAt)
            $0.field("facility", visit.facility.storedText)
            $0.field("id", visit.id.uuid)
            $0.field("key", visit.key)
            $0.field("kind", visit.kind.storedText)
            $0.field("lineItems") { writer in writer.array(visit.lineItems) { $0.write($1) } }
            $0.field("patientID", visit.patientID.uuid)
            $0.field("reason", visit.reason)
            $0.field("route", visit.route.storedText)
            $0.field("status", visit.status.rawValue)
            $0.field("version", visit.version)
        }
    }

    private mutating func write(_ event: AuditEvent) {
        object {
            $0.field("action", event.action.rawValue)
            $0.field("at", instant: event.at)
            $0.field("detail", event.detail)
            $0.field("hash", event.hash)
            $0.field("patientID", event.patientID?.uuid)
            $0.field("previousHash", event.previousHash)
            $0.field("purpose", event.purpose)
            $0.field("recordID", event.recordID)
            $0.field("recordKind", event.recordKind?.rawValue)
            $0.field("sequence", Int(event.sequence))
            $0.field("staff") { $0.write(event.staff) }
        }
    }

    // MARK: - Nested values

    private mutating func write(_ demographics: Demographics) {
        object {
            $0.field("address", demographics.address)
            $0.field("dateOfBirth", demographics.dateOfBirth.description)
            $0.field("ethnicity", demographics.ethnicity)
            $0.field("name", demographics.name.text)
            $0.field("nationality", demographics.nationality)
            $0.field("phone", demographics.phone)
            $0.field("sex", demographics.sex.rawValue)
        }
    }

    private mutating func write(_ card: IDCardRecord) {
        object {
            $0.field("expiryDate", card.expiryDate?.description)
            $0.field("hasNoExpiry", card.hasNoExpiry)
            $0.field("issueDate", card.issueDate?.description)
            $0.field("personalID", card.personalID.storedText)
            $0.field("source", card.source.rawValue)
        }
    }

    private mutating func write(_ identifier: PatientIdentifier) {
        object {
            $0.field("kind", identifier.kind.rawValue)
            $0.field("status", identifier.status.rawValue)
            $0.field("validity") { $0.write(identifier.validity) }
            $0.field("value", identifier.value)
        }
    }

    private mutating func write(_ period: DatePeriod) {
        object {
            $0.field("end", period.end?.description)
            $0.field("start", period.start?.description)
        }
    }

    private mutating func write(_ verification: Coverage.Verification) {
        object {
            switch verification {
            case .unverified:
                $0.field("unverified") { $0.object { _ in } }
            case .verified(let at, let staff, let result):
                $0.field("verified") {
                    $0.object {
                        $0.field("at", instant: at)
                        $0.field("by") { $0.write(staff) }
                        $0.field("result", result.rawValue)
                    }
                }
            }
        }
    }

    private mutating func write(_ staff: Staff) {
        object {
            $0.field("name", staff.name.text)
            $0.field("personalID", staff.personalID.storedText)
            $0.field("role", staff.role.rawValue)
        }
    }

    private mutating func write(_ applied: Visit.AppliedCoverage) {
        object {
            $0.field("cardCode", applied.cardCode.storedText)
            $0.field("cardValidity") { $0.write(applied.cardValidity) }
            $0.field("coverageID", applied.coverageID.uuid)
            $0.field("from", instant: applied.from)
            $0.field("registeredFacility", applied.registeredFacility?.storedText)
            $0.field("until", instant: applied.until)
            $0.field("unverified", applied.unverified)
        }
    }

    private mutating func write(_ line: LineItem) {
        object {
            $0.field("code", line.code)
            $0.field("inScope", line.inScope)
            $0.field("insurancePrice", line.insurancePrice.claimsText)
            $0.field("kind", line.kind.rawValue)
            $0.field("name", line.name)
            $0.field("orderedAt", instant: line.orderedAt)
            $0.field("paymentRatePercent", line.paymentRatePercent)
            // JSONEncoder writes a decimal as a number, its description.
            $0.field("quantity") { $0.raw(line.quantity.description) }
            $0.field("unitPrice", line.unitPrice.claimsText)
        }
    }

    // MARK: - JSON

    private mutating func object(_ members: (inout JSONLineWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        hasMember.append(false)
        members(&self)
        hasMember.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func array<Element>(_ elements: [Element], _ write: (inout JSONLineWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's name (a field name: ASCII letters, never escaped) and its colon.
    private mutating func key(_ name: StaticString) {
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    private mutating func field(_ name: StaticString, _ value: (inout JSONLineWriter) -> Void) {
        key(name)
        value(&self)
    }

    private mutating func field(_ name: StaticString, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    /// A UUID as its uppercase text, as `UUID` encodes itself.
    private mutating func field(_ name: StaticString, _ uuid: UUID?) {
        guard let uuid else { return }
        key(name)
        bytes.append(UInt8(ascii: "\""))
        uuid.withText(uppercase: true) { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func field(_ name: StaticString, _ number: Int) {
        key(name)
        raw(String(number))
    }

    private mutating func field(_ name: StaticString, _ flag: Bool) {
        key(name)
        raw(flag ? "true" : "false")
    }

    /// An instant as seconds since 1970: whole seconds without a fraction, as `JSONEncoder`
    /// writes a whole double.
    private mutating func field(_ name: StaticString, instant: Date?) {
        guard let instant else { return }
        key(name)
        let seconds = instant.timeIntervalSince1970
        if seconds == seconds.rounded(), abs(seconds) < 1e15 {
            raw(String(Int64(seconds)))
        } else {
            raw(seconds.description)
        }
    }

    private mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A string, escaped as `JSONEncoder` escapes it: the quote, the backslash and control
    /// characters; everything else as its UTF-8.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
