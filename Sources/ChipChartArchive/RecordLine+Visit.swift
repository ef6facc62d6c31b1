import ChipChart
import Foundation

/// A visit and the values only a visit holds, read directly (``RecordLine``).
extension JSONLineScanner {
    mutating func visit() -> Visit? {
        var visit = Visit.Partial()
        let complete = members { reader, name in
            switch name {
            case "admittedAt": reader.fill(&visit.admittedAt) { $0.instant() }
            case "appliedCoverages": reader.fill(&visit.appliedCoverages) { $0.array { $0.appliedCoverage() } }
            // Only `true` is written; a stored `false` decodes to a visit that differs from one
            // made in memory, which `JSONDecoder` makes.
            case "awaitsCoverageVerification":
                reader.fill(&visit.awaitsCoverageVerification) { $0.skip("true") ? true : nil }
            case "diagnoses": reader.fill(&visit.diagnoses) { $0.array { $0.memoized { $0.text(ICD10Code.self) } } }
            case "dischargedAt": reader.fill(&visit.dischargedAt) { $0.instant() }
            case "facility": reader.fill(&visit.facility) { $0.memoized { $0.text(FacilityCode.self) } }
            case "id": reader.fill(&visit.id) { $0.uuid().map(VisitID.init) }
            case "key": reader.fill(&visit.key) { $0.string() }
            case "kind": reader.fill(&visit.kind) { $0.memoized { $0.text(VisitKind.self) } }
            case "lineItems": reader.fill(&visit.lineItems) { $0.array { $0.lineItem() } }
            case "patientID": reader.fill(&visit.patientID) { $0.uuid().map(PatientID.init) }
            case "reason": reader.fill(&visit.reason) { $0.string() }
            case "route": reader.fill(&visit.route) { $0.memoized { $0.text(Route.self) } }
            case "status": reader.fill(&visit.status) { $0.named(Visit.Status.self) }
            case "version": reader.fill(&visit.version) { $0.integer().flatMap(Int.init(exactly:)) }
            // A chart, and any key this reader does not know, goes to `JSONDecoder`.
            default: false
            }
        }
        return complete ? try? visit.built() : nil
    }

    mutating func appliedCoverage() -> Visit.AppliedCoverage? {
        var applied = Visit.AppliedCoverage.Partial()
        let complete = members { reader, key in
            switch key {
            case "cardCode": reader.fill(&applied.cardCode) { $0.text(InsuranceCardCode.self) }
            case "cardValidity": reader.fill(&applied.cardValidity) { $0.period() }
            case "coverageID": reader.fill(&applied.coverageID) { $0.uuid().map(CoverageID.init) }
            case "from": reader.fill(&applied.from) { $0.instant() }
            case "registeredFacility":
                reader.fill(&applied.registeredFacility) { $0.memoized { $0.text(FacilityCode.self) } }
            case "until": reader.fill(&applied.until) { $0.instant() }
            case "unverified": reader.fill(&applied.unverified) { $0.bool() }
            default: false
            }
        }
        return complete ? try? applied.built() : nil
    }

    mutating func lineItem() -> LineItem? {
        var line = LineItem.Partial()
        let complete = members { reader, key in
            switch key {
            case "code": reader.fill(&line.code) { $0.string() }
            case "inScope": reader.fill(&line.inScope) { $0.bool() }
            case "insurancePrice": reader.fill(&line.insurancePrice) { $0.text(Money.self) }
            case "kind": reader.fill(&line.kind) { $0.named(LineItem.Kind.self) }
            case "name": reader.fill(&line.name) { $0.string() }
            case "orderedAt": reader.fill(&line.orderedAt) { $0.instant() }
            case "paymentRatePercent":
                reader.fill(&line.paymentRatePercent) { $0.integer().flatMap(Int.init(exactly:)) }
            case "quantity": reader.fill(&line.quantity) { $0.decimal() }
            case "unitPrice": reader.fill(&line.unitPrice) { $0.text(Money.self) }
            default: false
            }
        }
        return complete ? try? line.built() : nil
    }

    /// A decimal number without an exponent, as `Decimal` reads its text (the value
    /// `JSONDecoder` reads; a test compares the two). Up to 38 digits, all a decimal holds exactly.
    mutating func decimal() -> Decimal? {
        guard let text = numberText(fraction: true), text.utf8.count <= 38 else { return nil }
        return Decimal(string: String(text))
    }
}
