import ChipChart
import Foundation

extension FHIRMapper {
    /// The orders of a visit's chart: a drug as a `MedicationRequest` (the drug by its catalogue
    /// code, ``FHIRSystem/drugCode``, the quantity to dispense), a service as a `ServiceRequest`
    /// (by ``FHIRSystem/serviceCode``, with its quantity); each `completed` once the visit is
    /// closed (else `active`), authored when and by whom it was ordered. Supplies are billed
    /// lines, not clinical requests: ``supplyCharges(_:)`` maps them.
    func orderRequests(_ visit: Visit) -> [ChartResource] {
        let status = visit.status == .closed ? "completed" : "active"
        return visit.chart.orders.enumerated().compactMap { index, entry in
            let order = entry.content
            let quantity: FHIRJSON = .object(["value": .decimal(order.quantity), "unit": .string(order.unit)])
            let type: String
            let code: FHIRJSON
            switch order.kind {
            case .drug:
                type = "MedicationRequest"
                code = Self.named(FHIRSystem.drugCode, order.code, order.name)
            case .service:
                type = "ServiceRequest"
                code = Self.named(FHIRSystem.serviceCode, order.code, order.name)
            default: return nil
            }
            let uuid = Self.chartUUID(visit, "order/\(index)")
            var members = chartMembers(type, uuid, of: visit)
            members["status"] = .string(status)
            members["intent"] = "order"
            members["authoredOn"] = .string(Self.dateTime(entry.at))
            members["requester"] = Self.staff(entry.author)
            if order.kind == .drug {
                members["medicationCodeableConcept"] = code
                members["dispenseRequest"] = .object(["quantity": quantity])
            } else {
                members["code"] = code
                members["quantityQuantity"] = quantity
            }
            return ChartResource(uuid: uuid, json: .object(members))
        }
    }

    /// A `CodeableConcept` of one code with its name as `text`.
    static func named(_ system: String, _ code: String, _ name: String) -> FHIRJSON {
        .object(["coding": .array([coding(system, code)]), "text": .string(name)])
    }
}
