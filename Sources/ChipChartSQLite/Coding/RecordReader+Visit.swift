import ChipChart
import Foundation

/// A visit and the values only a visit holds.
extension RecordReader {
    func visit(at offset: Int) throws -> (record: Visit, hasUnknownFields: Bool) {
        var partial = Visit.Partial()
        let hasOthers = try forEachField(ofObjectAt: offset, VisitField.self, isRecord: true) { field, value in
            switch field {
            case .id: partial.id = try id(at: value)
            case .key: partial.key = try string(at: value)
            case .patientID: partial.patientID = try id(at: value)
            case .facility: partial.facility = try text(FacilityCode.self, at: value)
            case .kind: partial.kind = try text(VisitKind.self, at: value)
            case .route: partial.route = try text(Route.self, at: value)
            case .admittedAt: partial.admittedAt = try date(at: value)
            case .dischargedAt: partial.dischargedAt = try optional(at: value, date)
            case .reason: partial.reason = try optional(at: value, string)
            case .diagnoses: partial.diagnoses = try array(at: value) { try text(ICD10Code.self, at: $0) }
            case .appliedCoverages: partial.appliedCoverages = try array(at: value, appliedCoverage)
            case .lineItems: partial.lineItems = try array(at: value, lineItem)
            case .status: partial.status = try named(Visit.Status.self, at: value)
            case .version: partial.version = try int(at: value)
            case .awaitsCoverageVerification: partial.awaitsCoverageVerification = try optional(at: value, bool)
            }
        }
        var visit = try built(partial.built)
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
        var applied = Visit.AppliedCoverage.Partial()
        _ = try forEachField(ofObjectAt: offset, AppliedCoverageField.self) { field, at in
            switch field {
            case .coverageID: applied.coverageID = try id(at: at)
            case .cardCode: applied.cardCode = try text(InsuranceCardCode.self, at: at)
            case .registeredFacility:
                applied.registeredFacility = try optional(at: at) { try text(FacilityCode.self, at: $0) }
            case .cardValidity: applied.cardValidity = try period(at: at)
            case .from: applied.from = try date(at: at)
            case .until: applied.until = try optional(at: at, date)
            case .unverified: applied.unverified = try bool(at: at)
            }
        }
        return try built(applied.built)
    }

    func lineItem(at offset: Int) throws -> LineItem {
        var line = LineItem.Partial()
        _ = try forEachField(ofObjectAt: offset, LineItemField.self) { field, at in
            switch field {
            case .kind: line.kind = try named(LineItem.Kind.self, at: at)
            case .code: line.code = try string(at: at)
            case .name: line.name = try string(at: at)
            case .quantity: line.quantity = try decimal(at: at)
            case .unitPrice: line.unitPrice = try money(at: at)
            case .insurancePrice: line.insurancePrice = try money(at: at)
            case .inScope: line.inScope = try bool(at: at)
            case .paymentRatePercent: line.paymentRatePercent = try int(at: at)
            case .orderedAt: line.orderedAt = try optional(at: at, date)
            }
        }
        return try built(line.built)
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
