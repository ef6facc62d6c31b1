package import Foundation

// A visit and the values only a visit holds, read field by field (``Patient/Partial``).

extension Visit {
    /// A visit read field by field.
    package struct Partial {
        package init() {}

        package var id: VisitID?
        package var key: String?
        package var patientID: PatientID?
        package var diagnoses: [ICD10Code]?
        package var facility: FacilityCode?
        package var kind: VisitKind?
        package var appliedCoverages: [AppliedCoverage]?
        package var route: Route?
        package var admittedAt: Date?
        package var lineItems: [LineItem]?
        package var dischargedAt: Date?
        package var reason: String?
        package var status: Status?
        package var version: Int?
        package var awaitsCoverageVerification: Bool?

        /// The visit as stored, or ``MissingField`` naming the first required field not read:
        /// made, then given its key and discharge, so that a stored visit is not checked again as
        /// a new one is.
        package func built() throws -> Visit {
            var visit = try Visit(
                id: try required(id, "id"),
                key: "-",
                patientID: try required(patientID, "patientID"),
                facility: try required(facility, "facility"),
                kind: try required(kind, "kind"),
                route: try required(route, "route"),
                admittedAt: try required(admittedAt, "admittedAt"),
                reason: reason,
                diagnoses: try required(diagnoses, "diagnoses"),
                appliedCoverages: try required(appliedCoverages, "appliedCoverages"),
                lineItems: try required(lineItems, "lineItems"),
                status: try required(status, "status"),
                version: try required(version, "version")
            )
            visit.key = try required(key, "key")
            visit.dischargedAt = dischargedAt
            visit.awaitsCoverageVerification = awaitsCoverageVerification ?? false
            return visit
        }
    }
}

extension Visit.AppliedCoverage {
    /// A coverage applied to a visit, read field by field.
    package struct Partial {
        package var coverageID: CoverageID?
        package var cardCode: InsuranceCardCode?
        package var registeredFacility: FacilityCode?
        package var cardValidity: DatePeriod?
        package var from: Date?
        package var until: Date?
        package var unverified: Bool?

        package init() {}

        /// The applied coverage, or the first required field not read: made from a coverage
        /// carrying the copies read.
        package func built() throws(MissingField) -> Visit.AppliedCoverage {
            let id = try required(coverageID, "coverageID")
            let coverage = Coverage(
                id: id,
                patientID: PatientID(id.uuid),
                cardCode: try required(cardCode, "cardCode"),
                registeredFacility: registeredFacility,
                validity: try required(cardValidity, "cardValidity")
            )
            var applied = Visit.AppliedCoverage(coverage, from: try required(from, "from"), until: until)
            applied.unverified = try required(unverified, "unverified")
            return applied
        }
    }
}

extension LineItem {
    /// A line of a visit read field by field.
    package struct Partial {
        package var kind: Kind?
        package var code: String?
        package var name: String?
        package var quantity: Decimal?
        package var unitPrice: Money?
        package var insurancePrice: Money?
        package var inScope: Bool?
        package var paymentRatePercent: Int?
        package var orderedAt: Date?

        package init() {}

        /// The line as stored, or ``MissingField`` naming the first required field not read:
        /// made, then given the values read, so that a stored line is not checked again.
        package func built() throws -> LineItem {
            var line = try LineItem(
                kind: try required(kind, "kind"),
                code: "-",
                name: try required(name, "name"),
                quantity: 1,
                unitPrice: .zero,
                insurancePrice: .zero
            )
            line.code = try required(code, "code")
            line.quantity = try required(quantity, "quantity")
            line.unitPrice = try required(unitPrice, "unitPrice")
            line.insurancePrice = try required(insurancePrice, "insurancePrice")
            line.inScope = try required(inScope, "inScope")
            line.paymentRatePercent = try required(paymentRatePercent, "paymentRatePercent")
            line.orderedAt = orderedAt
            return line
        }
    }
}
