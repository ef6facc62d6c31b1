import ChipChart
import Foundation

/// A visit and the values only a visit holds, read directly (``RecordLine``).
extension JSONLineScanner {
    mutating func visit() -> Visit? {
        var admittedAt: Date?
        var applied: [Visit.AppliedCoverage]?
        var awaits: Bool?
        var diagnoses: [ICD10Code]?
        var dischargedAt: Date?
        var facility: FacilityCode?
        var id: UUID?
        var key: String?
        var kind: VisitKind?
        var lineItems: [LineItem]?
        var patientID: UUID?
        var reason: String?
        var route: Route?
        var status: Visit.Status?
        var version: Int64?
        let complete = members { reader, name in
            switch name {
            case "admittedAt" where admittedAt == nil: return Self.take(&admittedAt, reader.instant())
            case "appliedCoverages" where applied == nil:
                return Self.take(&applied, reader.array { $0.appliedCoverage() })
            // Only `true` is written; a stored `false` decodes to a visit that differs from one
            // made in memory, which `JSONDecoder` makes.
            case "awaitsCoverageVerification" where awaits == nil:
                return reader.skip("true") && Self.take(&awaits, true)
            case "diagnoses" where diagnoses == nil:
                return Self.take(&diagnoses, reader.array { $0.memoized { $0.text(ICD10Code.self) } })
            case "dischargedAt" where dischargedAt == nil: return Self.take(&dischargedAt, reader.instant())
            case "facility" where facility == nil:
                return Self.take(&facility, reader.memoized { $0.text(FacilityCode.self) })
            case "id" where id == nil: return Self.take(&id, reader.uuid())
            case "key" where key == nil: return Self.take(&key, reader.string())
            case "kind" where kind == nil: return Self.take(&kind, reader.memoized { $0.text(VisitKind.self) })
            case "lineItems" where lineItems == nil: return Self.take(&lineItems, reader.array { $0.lineItem() })
            case "patientID" where patientID == nil: return Self.take(&patientID, reader.uuid())
            case "reason" where reason == nil: return Self.take(&reason, reader.string())
            case "route" where route == nil: return Self.take(&route, reader.memoized { $0.text(Route.self) })
            case "status" where status == nil: return Self.take(&status, reader.named(Visit.Status.self))
            case "version" where version == nil: return Self.take(&version, reader.integer())
            // A chart, and any key this reader does not know, goes to `JSONDecoder`.
            default: return false
            }
        }
        guard complete, let admittedAt, let applied, let diagnoses, let facility, let id, let key, let kind,
            let lineItems, let patientID, let route, let status, let version = version.flatMap(Int.init(exactly:))
        else { return nil }
        // Made, then given the key and discharge read: a decoded visit is not checked again as a
        // new one is.
        guard
            var visit = try? Visit(
                id: VisitID(id),
                key: "-",
                patientID: PatientID(patientID),
                facility: facility,
                kind: kind,
                route: route,
                admittedAt: admittedAt,
                reason: reason,
                diagnoses: diagnoses,
                appliedCoverages: applied,
                lineItems: lineItems,
                status: status,
                version: version
            )
        else { return nil }
        visit.key = key
        visit.dischargedAt = dischargedAt
        visit.awaitsCoverageVerification = awaits ?? false
        return visit
    }

    mutating func appliedCoverage() -> Visit.AppliedCoverage? {
        var cardCode: InsuranceCardCode?
        var validity: DatePeriod?
        var coverageID: UUID?
        var from: Date?
        var facility: FacilityCode?
        var until: Date?
        var unverified: Bool?
        let complete = members { reader, key in
            switch key {
            case "cardCode" where cardCode == nil: return Self.take(&cardCode, reader.text(InsuranceCardCode.self))
            case "cardValidity" where validity == nil: return Self.take(&validity, reader.period())
            case "coverageID" where coverageID == nil: return Self.take(&coverageID, reader.uuid())
            case "from" where from == nil: return Self.take(&from, reader.instant())
            case "registeredFacility" where facility == nil:
                return Self.take(&facility, reader.memoized { $0.text(FacilityCode.self) })
            case "until" where until == nil: return Self.take(&until, reader.instant())
            case "unverified" where unverified == nil: return Self.take(&unverified, reader.bool())
            default: return false
            }
        }
        guard complete, let cardCode, let validity, let coverageID, let from, let unverified else { return nil }
        // An applied coverage is made from a coverage: one carrying the values read.
        let coverage = Coverage(
            id: CoverageID(coverageID),
            patientID: PatientID(coverageID),
            cardCode: cardCode,
            registeredFacility: facility,
            validity: validity
        )
        var applied = Visit.AppliedCoverage(coverage, from: from, until: until)
        applied.unverified = unverified
        return applied
    }

    mutating func lineItem() -> LineItem? {
        var code: String?
        var inScope: Bool?
        var insurancePrice: Money?
        var kind: LineItem.Kind?
        var name: String?
        var orderedAt: Date?
        var rate: Int64?
        var quantity: Decimal?
        var unitPrice: Money?
        let complete = members { reader, key in
            switch key {
            case "code" where code == nil: return Self.take(&code, reader.string())
            case "inScope" where inScope == nil: return Self.take(&inScope, reader.bool())
            case "insurancePrice" where insurancePrice == nil:
                return Self.take(&insurancePrice, reader.text(Money.self))
            case "kind" where kind == nil: return Self.take(&kind, reader.named(LineItem.Kind.self))
            case "name" where name == nil: return Self.take(&name, reader.string())
            case "orderedAt" where orderedAt == nil: return Self.take(&orderedAt, reader.instant())
            case "paymentRatePercent" where rate == nil: return Self.take(&rate, reader.integer())
            case "quantity" where quantity == nil: return Self.take(&quantity, reader.decimal())
            case "unitPrice" where unitPrice == nil: return Self.take(&unitPrice, reader.text(Money.self))
            default: return false
            }
        }
        guard complete, let code, let inScope, let insurancePrice, let kind, let name, let quantity, let unitPrice,
            let rate = rate.flatMap(Int.init(exactly:)),
            var line = try? LineItem(
                kind: kind,
                code: "-",
                name: name,
                quantity: 1,
                unitPrice: .zero,
                insurancePrice: .zero
            )
        else { return nil }
        // Given the values read after it is made: a decoded line is not checked again.
        line.code = code
        line.quantity = quantity
        line.unitPrice = unitPrice
        line.insurancePrice = insurancePrice
        line.inScope = inScope
        line.paymentRatePercent = rate
        line.orderedAt = orderedAt
        return line
    }

    /// A decimal number without an exponent, as `Decimal` reads its text (the value
    /// `JSONDecoder` reads; a test compares the two). Up to 38 digits, all a decimal holds exactly.
    mutating func decimal() -> Decimal? {
        guard let text = numberText(fraction: true), text.utf8.count <= 38 else { return nil }
        return Decimal(string: String(text))
    }
}
