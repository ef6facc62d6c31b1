import ChipChart
import Foundation

/// A visit and the values only a visit holds.
extension RecordReader {
    func visit(at offset: Int) throws -> (record: Visit, hasUnknownFields: Bool) {
        var id: VisitID?
        var key: String?
        var patientID: PatientID?
        var facility: FacilityCode?
        var kind: VisitKind?
        var route: Route?
        var admittedAt: Date?
        var dischargedAt: Date?
        var reason: String?
        var diagnoses: [ICD10Code]?
        var applied: [Visit.AppliedCoverage]?
        var lineItems: [LineItem]?
        var status: Visit.Status?
        var version: Int?
        var awaits = false
        let hasOthers = try forEachField(ofObjectAt: offset, VisitField.self, isRecord: true) { field, value in
            switch field {
            case .id: id = try self.id(at: value)
            case .key: key = try string(at: value)
            case .patientID: patientID = try self.id(at: value)
            case .facility: facility = try text(FacilityCode.self, at: value)
            case .kind: kind = try text(VisitKind.self, at: value)
            case .route: route = try text(Route.self, at: value)
            case .admittedAt: admittedAt = try date(at: value)
            case .dischargedAt: dischargedAt = try optional(at: value, date)
            case .reason: reason = try optional(at: value, string)
            case .diagnoses: diagnoses = try array(at: value) { try text(ICD10Code.self, at: $0) }
            case .appliedCoverages: applied = try array(at: value, appliedCoverage)
            case .lineItems: lineItems = try array(at: value, lineItem)
            case .status: status = try named(Visit.Status.self, at: value)
            case .version: version = try int(at: value)
            case .awaitsCoverageVerification: awaits = try optional(at: value, bool) ?? false
            }
        }
        // The key and the discharge are set after the visit is made: a stored visit is read as
        // it was stored, not checked again as a new one is.
        var visit = try Visit(
            id: try required(id, VisitField.id),
            key: "-",
            patientID: try required(patientID, VisitField.patientID),
            facility: try required(facility, VisitField.facility),
            kind: try required(kind, VisitField.kind),
            route: try required(route, VisitField.route),
            admittedAt: try required(admittedAt, VisitField.admittedAt),
            reason: reason,
            diagnoses: try required(diagnoses, VisitField.diagnoses),
            appliedCoverages: try required(applied, VisitField.appliedCoverages),
            lineItems: try required(lineItems, VisitField.lineItems),
            status: try required(status, VisitField.status),
            version: try required(version, VisitField.version)
        )
        visit.key = try required(key, VisitField.key)
        visit.dischargedAt = dischargedAt
        visit.awaitsCoverageVerification = awaits
        let hasUnknownFields = hasOthers ? try readGenericFields(of: &visit, at: offset) : false
        return (visit, hasUnknownFields)
    }

    /// Reads the fields of ``VisitField/generic`` through the generic decoder; returns whether
    /// the object holds a field no list names.
    private func readGenericFields(of visit: inout Visit, at offset: Int) throws -> Bool {
        var fields = try body.fields(ofObjectAt: offset)
        var found = Set<String>()
        var hasUnknownFields = false
        while let (key, value) = try fields.nextField() {
            let name = String(decoding: key, as: UTF8.self)
            let current = renames[name] ?? name
            if let field = VisitField.generic.first(where: { $0.name == current }) {
                try withGenericDecoder(at: value) { try field.read(&visit, $0) }
                found.insert(current)
            } else if VisitField.table.field(named: current) == nil {
                hasUnknownFields = true
            }
        }
        for field in VisitField.generic where !field.isOptional && !found.contains(field.name) {
            throw RecordFormat.Malformed("a stored record has no field \(field.name)")
        }
        return hasUnknownFields
    }

    func appliedCoverage(at offset: Int) throws -> Visit.AppliedCoverage {
        var storedID: CoverageID?
        var cardCode: InsuranceCardCode?
        var facility: FacilityCode?
        var validity: DatePeriod?
        var from: Date?
        var until: Date?
        var unverified: Bool?
        _ = try forEachField(ofObjectAt: offset, AppliedCoverageField.self) { field, at in
            switch field {
            case .coverageID: storedID = try id(at: at)
            case .cardCode: cardCode = try text(InsuranceCardCode.self, at: at)
            case .registeredFacility: facility = try optional(at: at) { try text(FacilityCode.self, at: $0) }
            case .cardValidity: validity = try period(at: at)
            case .from: from = try date(at: at)
            case .until: until = try optional(at: at, date)
            case .unverified: unverified = try bool(at: at)
            }
        }
        let coverageID = try required(storedID, AppliedCoverageField.coverageID)
        // An applied coverage is made from a coverage: one carrying the stored copies.
        let coverage = Coverage(
            id: coverageID,
            patientID: PatientID(coverageID.uuid),
            cardCode: try required(cardCode, AppliedCoverageField.cardCode),
            registeredFacility: facility,
            validity: try required(validity, AppliedCoverageField.cardValidity)
        )
        var applied = Visit.AppliedCoverage(coverage, from: try required(from, AppliedCoverageField.from), until: until)
        applied.unverified = try required(unverified, AppliedCoverageField.unverified)
        return applied
    }

    func lineItem(at offset: Int) throws -> LineItem {
        var kind: LineItem.Kind?
        var code: String?
        var name: String?
        var quantity: Decimal?
        var unitPrice: Money?
        var insurancePrice: Money?
        var inScope: Bool?
        var rate: Int?
        var orderedAt: Date?
        _ = try forEachField(ofObjectAt: offset, LineItemField.self) { field, at in
            switch field {
            case .kind: kind = try named(LineItem.Kind.self, at: at)
            case .code: code = try string(at: at)
            case .name: name = try string(at: at)
            case .quantity: quantity = try decimal(at: at)
            case .unitPrice: unitPrice = try money(at: at)
            case .insurancePrice: insurancePrice = try money(at: at)
            case .inScope: inScope = try bool(at: at)
            case .paymentRatePercent: rate = try int(at: at)
            case .orderedAt: orderedAt = try optional(at: at, date)
            }
        }
        // Made unchecked, then given the stored values: a stored line is not checked again.
        var line = try LineItem(
            kind: .service,
            code: "-",
            name: "",
            quantity: 1,
            unitPrice: .zero,
            insurancePrice: .zero
        )
        line.kind = try required(kind, LineItemField.kind)
        line.code = try required(code, LineItemField.code)
        line.name = try required(name, LineItemField.name)
        line.quantity = try required(quantity, LineItemField.quantity)
        line.unitPrice = try required(unitPrice, LineItemField.unitPrice)
        line.insurancePrice = try required(insurancePrice, LineItemField.insurancePrice)
        line.inScope = try required(inScope, LineItemField.inScope)
        line.paymentRatePercent = try required(rate, LineItemField.paymentRatePercent)
        line.orderedAt = orderedAt
        return line
    }

    /// An amount from its claims text (`-` first when negative), as `Money` reads itself.
    func money(at offset: Int) throws -> Money {
        let text = try string(at: offset)
        guard text.hasPrefix("-") else { return try Money(parsing: text) }
        return Money(minorUnits: -(try Money(parsing: String(text.dropFirst()))).minorUnits)
    }

    /// A decimal as Foundation's `Codable` conformance reads it (its raw parts are not public),
    /// once per distinct stored form: the same bytes make the same decimal.
    func decimal(at offset: Int) throws -> Decimal {
        let stored = UnsafeRawBufferPointer(rebasing: body.bytes[offset..<(try body.end(of: offset))])
        return try decimals.value(storedAs: stored) { try decodable(Decimal.self, at: offset) }
    }
}
