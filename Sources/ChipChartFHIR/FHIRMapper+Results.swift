import ChipChart
import Foundation

extension FHIRMapper {
    /// The paraclinical results of a visit's chart as `Observation`s: the test by its catalogue
    /// service code (``FHIRSystem/serviceCode``) and name; a numeric value with a unit as a
    /// `valueQuantity` (the unit as reported: the catalogue's units are not UCUM codes), any other
    /// value as a `valueString`; the reference range as text; the performer; when it was performed
    /// (`effectiveDateTime`) and reported (`issued`).
    func resultObservations(_ visit: Visit) -> [ChartResource] {
        visit.chart.results.enumerated().map { index, entry in
            let result = entry.content
            let uuid = Self.resultUUID(visit, index)
            var members = chartMembers("Observation", uuid, of: visit)
            members["status"] = "final"
            members["code"] = Self.named(FHIRSystem.serviceCode, result.serviceCode, result.name)
            if let unit = result.unit, let value = Self.decimal(result.value) {
                members["valueQuantity"] = .object(["value": .decimal(value), "unit": .string(unit)])
            } else {
                members["valueString"] = .string(result.value + (result.unit.map { " \($0)" } ?? ""))
            }
            if let range = result.referenceRange {
                members["referenceRange"] = .array([.object(["text": .string(range)])])
            }
            members["performer"] = .array([Self.staff(result.performer)])
            members["effectiveDateTime"] = .string(Self.dateTime(result.performedAt))
            members["issued"] = .string(Self.dateTime(result.reportedAt))
            return ChartResource(uuid: uuid, json: .object(members))
        }
    }

    /// The id of the Observation of a visit's result.
    static func resultUUID(_ visit: Visit, _ index: Int) -> UUID { chartUUID(visit, "result/\(index)") }

    /// The `DiagnosticReport`s of a visit's chart, one per ordered service with results: the
    /// service by its code, `basedOn` its ServiceRequest, `result` its Observations, effective
    /// when the first was performed and issued when the last was reported.
    func diagnosticReports(_ visit: Visit) -> [ChartResource] {
        let results = Array(visit.chart.results.enumerated())
        var services: [String] = []
        for (_, entry) in results where !services.contains(entry.content.serviceCode) {
            services.append(entry.content.serviceCode)
        }
        return services.map { service in
            let group = results.filter { $0.element.content.serviceCode == service }
            let uuid = Self.chartUUID(visit, "report/\(service)")
            var members = chartMembers("DiagnosticReport", uuid, of: visit)
            members["status"] = "final"
            let order = visit.chart.orders.firstIndex { $0.content.kind == .service && $0.content.code == service }
            let name = order.map { visit.chart.orders[$0].content.name } ?? group[0].element.content.name
            members["code"] = Self.named(FHIRSystem.serviceCode, service, name)
            if let order {
                members["basedOn"] = .array([reference("ServiceRequest", Self.chartUUID(visit, "order/\(order)"))])
            }
            let performed = group.map(\.element.content.performedAt).min() ?? visit.admittedAt
            let reported = group.map(\.element.content.reportedAt).max() ?? performed
            members["effectiveDateTime"] = .string(Self.dateTime(performed))
            members["issued"] = .string(Self.dateTime(reported))
            members["result"] = .array(group.map { reference("Observation", Self.resultUUID(visit, $0.offset)) })
            return ChartResource(uuid: uuid, json: .object(members))
        }
    }

    /// A reported value as a decimal when it is one (`15.2`, `-3`), else `nil`.
    static func decimal(_ text: String) -> Decimal? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
        else { return nil }
        return Decimal(string: text)
    }
}
